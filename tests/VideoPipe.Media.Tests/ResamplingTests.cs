using VideoPipe.Media.Tests.Support;

namespace VideoPipe.Media.Tests;

public sealed class ResamplingTests(Workspace workspace) : IClassFixture<Workspace>
{
    // Source timestamps of numbered frames 0..9: jittered by 30 ms on odd frames, with a 300 ms gap before frame 6.
    private static readonly double[] VariableTimestamps = Enumerable.Range(0, 10).Select(n => n * 0.1 + 0.03 * (n % 2) + (n >= 6 ? 0.3 : 0)).ToArray();

    private async Task<string> VariableFrameRateFileAsync()
    {
        var path = workspace.PathOf("vfr.mkv");
        if (!File.Exists(path))
        {
            var constant = await Videos.WriteNumberedLosslessAsync(workspace.PathOf("vfr-source.mkv"), 10, 16, 12, new Rational(10, 1));
            await Ffmpeg.RunAsync("-i", constant, "-filter:v", "settb=1/1000,setpts=(N*0.1+0.03*mod(N\\,2)+0.3*gte(N\\,6))/TB", "-fps_mode", "passthrough", "-enc_time_base", "1/1000", "-c:v", "ffv1", path);
        }

        return path;
    }

    [Fact]
    public async Task Variable_frame_rate_input_is_probed_as_such()
    {
        var info = await new VideoProber().ProbeAsync(await VariableFrameRateFileAsync());

        Assert.True(info.IsVariableFrameRate);
        Assert.True(info.VariableFrameRateMeasured);
        Assert.Equal(10, info.FrameCount);
        Assert.Equal(FrameCountSource.PacketScan, info.FrameCountSource);
    }

    [Fact]
    public async Task Variable_frame_rate_passes_through_with_its_own_timestamps()
    {
        var frames = await new VideoReader().ReadAllAsync(await VariableFrameRateFileAsync());

        Assert.Equal(Enumerable.Range(0, 10), frames.Select(Videos.NumberOf));
        Assert.Equal(VariableTimestamps.Select(t => Math.Round(t * 1000)), frames.Select(frame => Math.Round(frame.Pts.TotalMilliseconds)));
    }

    [Fact]
    public async Task Resampling_to_a_fixed_rate_follows_presentation_timestamps()
    {
        var frames = await new VideoReader().ReadAllAsync(await VariableFrameRateFileAsync(), new VideoReadOptions { TargetFrameRate = new Rational(10, 1) });

        // Each 100 ms slot shows the latest source frame whose rounded timestamp has been reached:
        // the jitter does not reorder anything and the gap repeats frame 5.
        int[] expected = [0, 1, 2, 3, 4, 5, 5, 5, 5, 6, 7, 8, 9];
        Assert.Equal(expected, frames.Select(Videos.NumberOf).Take(expected.Length));
        Assert.InRange(frames.Count, expected.Length, expected.Length + 1);
        Assert.All(frames, (frame, k) => Assert.Equal(k * 100.0, frame.Pts.TotalMilliseconds, 3));
    }

    [Fact]
    public async Task Downsampling_keeps_order_and_count()
    {
        var path = await Videos.WriteNumberedLosslessAsync(workspace.PathOf("cfr20.mkv"), 20, 8, 8, new Rational(20, 1));

        var frames = await new VideoReader().ReadAllAsync(path, new VideoReadOptions { TargetFrameRate = new Rational(5, 1) });

        Assert.Equal([0, 4, 8, 12, 16], frames.Select(Videos.NumberOf));
        Assert.Equal([0L, 1, 2, 3, 4], frames.Select(frame => frame.Index));
    }

    [Fact]
    public async Task Frame_range_delivers_those_frames_with_their_indices_and_times()
    {
        var path = await Videos.WriteNumberedLosslessAsync(workspace.PathOf("range.mkv"), 20, 8, 8, new Rational(10, 1));

        var frames = await new VideoReader().ReadAllAsync(path, new VideoReadOptions { StartFrame = 5, EndFrame = 9 });

        Assert.Equal([5, 6, 7, 8], frames.Select(Videos.NumberOf));
        Assert.Equal([5L, 6, 7, 8], frames.Select(frame => frame.Index));
        Assert.Equal([500.0, 600, 700, 800], frames.Select(frame => frame.Pts.TotalMilliseconds));
    }

    [Fact]
    public async Task Time_range_seeks_and_keeps_source_timestamps()
    {
        var path = await Videos.WriteNumberedLosslessAsync(workspace.PathOf("time.mkv"), 20, 8, 8, new Rational(10, 1));

        var frames = await new VideoReader().ReadAllAsync(path, new VideoReadOptions { Start = TimeSpan.FromSeconds(1.2), End = TimeSpan.FromSeconds(1.6) });

        Assert.Equal([12, 13, 14, 15], frames.Select(Videos.NumberOf));
        Assert.Equal([1200.0, 1300, 1400, 1500], frames.Select(frame => Math.Round(frame.Pts.TotalMilliseconds)));
    }

    [Fact]
    public async Task Frame_limit_stops_early_without_error()
    {
        var path = await Videos.WriteNumberedLosslessAsync(workspace.PathOf("limit.mkv"), 20, 8, 8, new Rational(10, 1));

        var frames = await new VideoReader().ReadAllAsync(path, new VideoReadOptions { MaxFrames = 3, TargetFrameRate = new Rational(5, 1) });

        Assert.Equal([0, 2, 4], frames.Select(Videos.NumberOf));
    }

    [Fact]
    public void Contradictory_ranges_are_rejected_up_front()
    {
        var options = new VideoReadOptions { Start = TimeSpan.FromSeconds(1), StartFrame = 3 };

        Assert.Throws<ArgumentException>(options.Validate);
    }
}
