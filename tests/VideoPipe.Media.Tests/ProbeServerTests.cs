using System.Runtime.Versioning;
using VideoPipe.Media.Probing;
using VideoPipe.Media.Tests.Support;

namespace VideoPipe.Media.Tests;

/// <summary>
/// What happens around the videopipe-probe children: a crash costs the one input being probed (the next request
/// starts a fresh child), cancellation or the probe's time limit kills a child that hangs, and a hanging child does
/// not hold up other probes.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class ProbeServerTests(Workspace workspace) : IClassFixture<Workspace>
{
    private static readonly string RealServer = Path.Combine(AppContext.BaseDirectory, "videopipe-probe");

    [Fact]
    public async Task A_crash_fails_that_input_only_and_the_next_probe_starts_a_fresh_child()
    {
        var video = await VideoAsync("healthy.mp4");
        // The first child dies of SIGSEGV when asked (as libav would on a crafted file); later children are real.
        var (server, _) = FirstChildThenReal("crash-once", "head -c 1 >/dev/null\nkill -SEGV $$");
        var prober = new VideoProber(server);

        var crash = await Assert.ThrowsAsync<VideoInputException>(() => prober.ProbeAsync(video));
        var info = await prober.ProbeAsync(video);

        Assert.Equal(VideoInputErrorKind.DecoderFailed, crash.Kind);
        Assert.Contains("signal 11", crash.Message, StringComparison.Ordinal);
        Assert.Contains(video, crash.Message, StringComparison.Ordinal);
        Assert.Equal((32, 32), (info.Width, info.Height));
    }

    [Fact]
    public async Task An_idle_child_that_died_is_replaced_without_failing_the_next_probe()
    {
        var video = await VideoAsync("after-kill.mp4");
        // A copy of the real helper under its own name, so this test's children can be told from any other test's.
        var copy = workspace.PathOf("probe-copy");
        File.Copy(RealServer, copy);
        var prober = new VideoProber(new ProbeServer(copy));
        await prober.ProbeAsync(video);

        var killed = 0;
        foreach (var process in System.Diagnostics.Process.GetProcessesByName("probe-copy"))
        {
            using (process)
            {
                process.Kill();
                await process.WaitForExitAsync();
                killed++;
            }
        }

        var info = await prober.ProbeAsync(video);

        Assert.Equal(1, killed);
        Assert.Equal((32, 32), (info.Width, info.Height));
    }

    [Fact]
    public async Task A_helper_that_cannot_run_is_an_installation_error_not_a_bad_input()
    {
        var video = await VideoAsync("never-probed.mp4");
        // What the dynamic loader does when a library the helper was built against is missing.
        var server = new ProbeServer(StandIn("no-libav", "echo 'videopipe-probe: error while loading shared libraries: libavformat.so.59: cannot open shared object file' >&2\nexit 127"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new VideoProber(server).ProbeAsync(video));

        Assert.Contains("libavformat.so.59", error.Message, StringComparison.Ordinal);
        Assert.Contains("exit code 127", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hanging_child_is_killed_by_the_probe_time_limit()
    {
        var video = await VideoAsync("waits.mp4");
        var server = new ProbeServer(StandIn("hang", "exec sleep 30"));

        var started = DateTime.UtcNow;
        var timeout = await Assert.ThrowsAsync<VideoInputException>(() =>
            new VideoProber(server).ProbeAsync(video, new ProbeOptions { Timeout = TimeSpan.FromMilliseconds(300) }));

        Assert.Equal(VideoInputErrorKind.Timeout, timeout.Kind);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), "the hanging child was not killed");
    }

    [Fact]
    public async Task A_hanging_probe_does_not_hold_up_the_next()
    {
        var video = await VideoAsync("beside.mp4");
        // The first child hangs (as libav might on a crafted file); children started after it are real.
        var (server, marker) = FirstChildThenReal("hang-once", "exec sleep 30");
        using var stop = new CancellationTokenSource();
        var hanging = new VideoProber(server).ProbeAsync(video, cancellationToken: stop.Token);
        for (var waited = 0; !File.Exists(marker) && waited < 200; waited++)
        {
            await Task.Delay(50);
        }

        var info = await new VideoProber(server).ProbeAsync(video).WaitAsync(TimeSpan.FromSeconds(20));
        await stop.CancelAsync();

        Assert.Equal((32, 32), (info.Width, info.Height));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hanging);
    }

    [Fact]
    public async Task Cancellation_stops_a_probe_that_waits_for_its_child()
    {
        var video = await VideoAsync("cancelled.mp4");
        var server = new ProbeServer(StandIn("hang-too", "exec sleep 30"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new VideoProber(server).ProbeAsync(video, cancellationToken: cancel.Token));
    }

    private async Task<string> VideoAsync(string name)
    {
        var video = workspace.PathOf(name);
        await Videos.TestSourceAsync(video, "32x32", 10, 1, "-c:v", "libx264");
        return video;
    }

    /// <summary>
    /// A server whose first child runs <paramref name="firstChild"/> (after touching the returned marker file) and
    /// whose later children are the real helper.
    /// </summary>
    private (ProbeServer Server, string Marker) FirstChildThenReal(string name, string firstChild)
    {
        var marker = workspace.PathOf(name + ".started");
        var script = StandIn(name, $"if [ -e '{marker}' ]; then exec '{RealServer}'; fi\ntouch '{marker}'\n{firstChild}");
        return (new ProbeServer(script), marker);
    }

    private string StandIn(string name, string body)
    {
        var path = workspace.PathOf(name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
