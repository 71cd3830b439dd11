using System.Diagnostics;
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
        // As the decoder reads: probed in process, then the launcher's read starts ffmpeg with its first step.
        var info = await new VideoProber().ProbeAsync(video);
        await using var blocks = launcher.ReadAsync(new VideoReader(), info, VideoReadOptions.Default, CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await blocks.MoveNextAsync());
        blocks.Current.Dispose();

        var decoders = ChildrenNamed("ffmpeg", reading: video);
        Assert.NotEmpty(decoders);
        Assert.All(decoders, pid => Assert.Equal(nice, ProcessPriority.NiceOfThread(pid)));
    }

    public void Dispose() => temp.Dispose();

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
