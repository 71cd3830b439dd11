using VideoPipe.Media.Tests.Support;

namespace VideoPipe.Media.Tests;

/// <summary>With a target frame rate the reader computes pts on the fps grid; they must equal what showinfo reports per frame.</summary>
public sealed class FpsGridTimestampTests(Workspace workspace) : IClassFixture<Workspace>
{
    /// <summary>30 numbered frames at 10 fps with 30 ms jitter on odd frames and a 250 ms gap after frame 19.</summary>
    private async Task<string> VariableRateFileAsync()
    {
        var path = workspace.PathOf("vfr.mkv");
        if (!File.Exists(path))
        {
            var constant = await Videos.WriteNumberedLosslessAsync(workspace.PathOf("constant.mkv"), 30, 16, 12, new Rational(10, 1));
            await Ffmpeg.RunAsync("-i", constant, "-filter:v", "settb=1/1000,setpts=(N*0.1+0.03*mod(N\\,2)+0.25*gte(N\\,20))/TB",
                "-fps_mode", "passthrough", "-enc_time_base", "1/1000", "-c:v", "ffv1", path);
        }

        return path;
    }

    public static TheoryData<string, double?, int?, int?> Reads => new()
    {
        { "10/1", null, null, null },
        { "30000/1001", null, null, null },
        { "4/1", null, null, null },
        { "25/1", 1.15, null, null },
        { "15/1", null, 7, 30 },
        { "24/1", null, 2, null },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Computed_timestamps_equal_the_ones_showinfo_reports(string rate, double? startSeconds, int? startFrame, int? endFrame)
    {
        var (expected, actual) = await ReadBothWaysAsync(new VideoReadOptions
        {
            TargetFrameRate = Rational.Parse(rate),
            Start = startSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            StartFrame = startFrame,
            EndFrame = endFrame,
        });

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task A_grid_that_does_not_start_at_slot_zero_is_followed()
    {
        // After seeking to 1.15 s the first frame left is the one at 1.2 s, which lands in the 25 fps slot 1, not 0.
        var start = TimeSpan.FromSeconds(1.15);
        var (expected, actual) = await ReadBothWaysAsync(new VideoReadOptions { TargetFrameRate = new Rational(25, 1), Start = start });

        Assert.Equal(start + TimeSpan.FromSeconds(0.04), expected[0]);
        Assert.Equal(expected, actual);
    }

    private async Task<(List<TimeSpan> Expected, List<TimeSpan> Actual)> ReadBothWaysAsync(VideoReadOptions options)
    {
        var info = await new VideoProber().ProbeAsync(await VariableRateFileAsync());
        var expected = await ShowInfoReference.TimestampsAsync(info, options);
        var actual = new List<TimeSpan>();
        await foreach (var block in new VideoReader().ReadAsync(info, options))
        {
            actual.AddRange(block.Select(frame => frame.Pts));
            block.Dispose();
        }

        return (expected, actual);
    }
}
