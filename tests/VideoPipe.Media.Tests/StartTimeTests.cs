using System.Buffers.Binary;
using System.Globalization;
using VideoPipe.Media.Tests.Support;

namespace VideoPipe.Media.Tests;

/// <summary>Files whose stream starts later than 0 s (`-output_ts_offset`, cut recordings, broadcast captures).</summary>
public sealed class StartTimeTests(Workspace workspace) : IClassFixture<Workspace>
{
    private const double Offset = 10;
    private const int Frames = 100;

    private async Task<string> OffsetFileAsync(string name, int frames = Frames)
    {
        var path = workspace.PathOf(name);
        // faststart puts an MP4's index first, so a cut leaves the frames before it readable.
        string[] container = name.EndsWith(".mp4", StringComparison.Ordinal) ? ["-movflags", "+faststart"] : [];
        await Videos.TestSourceAsync(path, "64x48", 25, frames / 25.0,
            ["-c:v", "libx264", "-g", "10", "-pix_fmt", "yuv420p", "-output_ts_offset", Offset.ToString(CultureInfo.InvariantCulture), .. container]);
        return path;
    }

    private static async Task<(List<VideoFrame> Frames, VideoInputException Error)> ReadUntilFailureAsync(string path)
    {
        var frames = new List<VideoFrame>();
        var error = await Assert.ThrowsAsync<VideoInputException>(async () =>
        {
            await foreach (var block in new VideoReader().ReadAsync(path))
            {
                frames.AddRange(block);
            }
        });
        return (frames, error);
    }

    [Theory]
    [InlineData("offset.mkv")]
    [InlineData("offset.mp4")]
    [InlineData("offset.ts")]
    public async Task Probe_reports_the_length_counted_from_the_start_time(string name)
    {
        var info = await new VideoProber().ProbeAsync(await OffsetFileAsync(name));

        Assert.Equal(Frames / 25.0, info.Duration!.Value.TotalSeconds, 2);
        Assert.True(info.StartTime >= Offset, $"start time {info.StartTime}");
    }

    [Theory]
    [InlineData("healthy-offset.mkv")]
    [InlineData("healthy-offset.mp4")]
    public async Task Healthy_file_with_a_start_time_reads_fully_without_a_truncation_report(string name)
    {
        var path = await OffsetFileAsync(name);

        var frames = await new VideoReader().ReadAllAsync(path);

        Assert.Equal(Frames, frames.Count);
        Assert.Equal(TimeSpan.Zero, frames[0].Pts);
        Assert.Equal(TimeSpan.FromSeconds((Frames - 1) / 25.0), frames[^1].Pts);
    }

    [Fact]
    public async Task Healthy_file_with_a_start_time_read_from_a_time_range_is_complete()
    {
        var path = await OffsetFileAsync("range-offset.mkv");

        var frames = await new VideoReader().ReadAllAsync(path, new VideoReadOptions { Start = TimeSpan.FromSeconds(1), End = TimeSpan.FromSeconds(3) });

        Assert.Equal(50, frames.Count);
        Assert.Equal(TimeSpan.FromSeconds(1), frames[0].Pts);
    }

    [Theory]
    [InlineData("truncated-offset.mkv")]
    [InlineData("truncated-offset.mp4")]
    public async Task Truncated_file_with_a_start_time_is_still_reported(string name)
    {
        var whole = await OffsetFileAsync("whole-" + name);
        var bytes = await File.ReadAllBytesAsync(whole);
        var path = workspace.PathOf(name);
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)]);

        var (frames, error) = await ReadUntilFailureAsync(path);

        Assert.Equal(VideoInputErrorKind.Truncated, error.Kind);
        Assert.InRange(frames.Count, 10, Frames - 10);
    }

    /// <summary>
    /// A file that ends cleanly but whose header promises more: only the comparison of the last frame's time with the
    /// container's duration notices, and it must do so on the same time origin.
    /// </summary>
    [Fact]
    public async Task Silently_short_file_with_a_start_time_is_reported_as_truncated()
    {
        var path = await OffsetFileAsync("short-offset.mkv", Frames / 2);
        var bytes = await File.ReadAllBytesAsync(path);
        // Matroska Duration element (ID 0x4489, 8-byte float, milliseconds from timestamp 0): 12 s becomes 14 s.
        var at = bytes.AsSpan().IndexOf((ReadOnlySpan<byte>)[0x44, 0x89, 0x88]);
        Assert.True(at >= 0, "no 8-byte Duration element");
        Assert.Equal((Offset + 2) * 1000, BinaryPrimitives.ReadDoubleBigEndian(bytes.AsSpan(at + 3)));
        BinaryPrimitives.WriteDoubleBigEndian(bytes.AsSpan(at + 3), (Offset + 4) * 1000);
        await File.WriteAllBytesAsync(path, bytes);

        var (frames, error) = await ReadUntilFailureAsync(path);

        Assert.Equal(VideoInputErrorKind.Truncated, error.Kind);
        Assert.Contains("lasts 4 s", error.Reason);
        Assert.Equal(Frames / 2, frames.Count);
    }
}
