using System.Diagnostics;
using System.Runtime.Versioning;
using VideoPipe.Engine.Stages;
using VideoPipe.Media;

namespace VideoPipe.Precompute.Tests;

/// <summary>
/// The decoder's ffmpeg runs below the encoder's CPU priority; the program's own threads keep theirs. The decoder is
/// found by its input file: tests outside the video collection may have ffmpeg children of their own meanwhile (a
/// precompute run's decoders at nice 10 once made this test fail).
/// </summary>
[Collection(VideoCollection.Name)]
public sealed class DecodePriorityTests : IDisposable
{
    private readonly TempFolder temp = new();

    [Fact]
    public async Task ProcessesStartedThroughTheLauncherRunAtItsNiceValue()
    {
        var (baseline, nice) = Nices();
        using var launcher = new LowPriorityLauncher(nice);
        using var child = await launcher.StartAsync(() => Process.Start("sleep", "30"));
        try
        {
            Assert.Equal(nice, ProcessPriority.NiceOfThread(child.Id));
            Assert.Equal(baseline, ProcessPriority.NiceOfThread(Environment.ProcessId));
        }
        finally
        {
            child.Kill();
            await child.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task AReaderStartedThroughTheLauncherDecodesInALowPriorityFfmpeg()
    {
        var (_, nice) = Nices();
        // 40 MB of rgb24 output: far more than the pipe holds, so ffmpeg is still running while the first block is held.
        var video = Path.Combine(temp.Path, "long.mp4");
        using (var make = Process.Start("ffmpeg", ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=size=640x480:rate=25", "-frames:v", "150", "-c:v", "libx264", "-preset", "ultrafast", video])!)
        {
            await make.WaitForExitAsync();
            Assert.Equal(0, make.ExitCode);
        }

        using var launcher = new LowPriorityLauncher(nice);
        // As the decoder reads: probed first, so the reader's first step starts ffmpeg.
        var info = await new VideoProber().ProbeAsync(video);
        await using var blocks = new VideoReader().ReadAsync(info).GetAsyncEnumerator();
        Assert.True(await launcher.StartAsync(() => blocks.MoveNextAsync().AsTask()).Unwrap());
        blocks.Current.Dispose();

        var decoders = ChildrenNamed("ffmpeg", reading: video);
        Assert.NotEmpty(decoders);
        Assert.All(decoders, pid => Assert.Equal(nice, ProcessPriority.NiceOfThread(pid)));
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task AProbeStartedThroughTheLauncherRunsItsFfprobeAtLowPriority()
    {
        var (_, nice) = Nices();
        var video = Path.Combine(temp.Path, "probed.mp4");
        await File.WriteAllBytesAsync(video, new byte[64]);
        // A stand-in ffprobe that stays up until killed, so its priority can be read while the probe waits for it.
        var ffprobe = Path.Combine(temp.Path, "slow-ffprobe");
        await File.WriteAllTextAsync(ffprobe, "#!/bin/sh\nexec sleep 30\n");
        File.SetUnixFileMode(ffprobe, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var launcher = new LowPriorityLauncher(nice);
        using var stop = new CancellationTokenSource();
        var probe = launcher.StartAsync(() => new VideoProber(new MediaTools("ffmpeg", ffprobe)).ProbeAsync(video, cancellationToken: stop.Token)).Unwrap();
        try
        {
            var sleepers = await WaitForChildrenAsync("sleep", reading: "30");
            Assert.All(sleepers, pid => Assert.Equal(nice, ProcessPriority.NiceOfThread(pid)));
        }
        finally
        {
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => probe);
        }
    }

    public void Dispose() => temp.Dispose();

    private static async Task<List<int>> WaitForChildrenAsync(string name, string reading)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (ChildrenNamed(name, reading) is { Count: > 0 } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"no '{name}' child appeared within 5 s");
    }

    private static (int Baseline, int Nice) Nices()
    {
        Assert.True(OperatingSystem.IsLinux(), "decoder priority is a Linux feature; this test reads /proc");
        var baseline = ProcessPriority.NiceOfThread(Environment.ProcessId)!.Value;
        return (baseline, Math.Min(19, baseline + 5));
    }

    private static List<int> ChildrenNamed(string name, string reading) =>
        [.. Directory.GetDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(entry => entry!.All(char.IsAsciiDigit))
            .Select(entry => int.Parse(entry!, System.Globalization.CultureInfo.InvariantCulture))
            .Where(pid =>
            {
                try
                {
                    var stat = File.ReadAllText($"/proc/{pid}/stat");
                    var command = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
                    var parent = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1];
                    return command == name && parent == Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)
                        && File.ReadAllText($"/proc/{pid}/cmdline").Contains(reading, StringComparison.Ordinal);
                }
                catch (IOException)
                {
                    return false;
                }
            })];
}
