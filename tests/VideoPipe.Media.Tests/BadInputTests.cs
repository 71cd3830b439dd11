using VideoPipe.Media.Tests.Support;
using VideoPipe.Tests.Shared;

namespace VideoPipe.Media.Tests;

public sealed class BadInputTests(Workspace workspace) : IClassFixture<Workspace>
{
    private static async Task<(List<VideoFrame> Frames, VideoInputException? Error)> ReadCollectingAsync(string path, VideoReadOptions? options = null)
    {
        var frames = new List<VideoFrame>();
        try
        {
            await foreach (var block in new VideoReader().ReadAsync(path, options))
            {
                frames.AddRange(block);
            }

            return (frames, null);
        }
        catch (VideoInputException error)
        {
            return (frames, error);
        }
    }

    private static async Task AssertRejectedAsync(string path, VideoInputErrorKind kind, VideoReadOptions? options = null)
    {
        var (frames, error) = await ReadCollectingAsync(path, options);

        Assert.Empty(frames);
        Assert.NotNull(error);
        Assert.Equal(kind, error.Kind);
        Assert.Equal(path, error.Path);
        Assert.Contains(path, error.Message);
        Assert.False(string.IsNullOrWhiteSpace(error.Reason));
    }

    private async Task<string> PatchedAsync(string name, Func<byte[], byte[]> patch)
    {
        var source = workspace.PathOf($"{name}.source.mkv");
        await Videos.TestSourceAsync(source, "64x48", 25, 0.4, "-c:v", "libx264", "-pix_fmt", "yuv420p");
        var path = workspace.PathOf(name);
        await File.WriteAllBytesAsync(path, patch(await File.ReadAllBytesAsync(source)));
        return path;
    }

    private static byte[] Replace(byte[] bytes, byte[] find, byte[] replacement)
    {
        var at = bytes.AsSpan().IndexOf(find);
        Assert.True(at >= 0, "pattern to patch not found");
        replacement.CopyTo(bytes, at);
        return bytes;
    }

    [Fact]
    public Task Missing_file() => AssertRejectedAsync(workspace.PathOf("does-not-exist.mp4"), VideoInputErrorKind.NotFound);

    [Fact]
    public async Task Empty_file()
    {
        var path = workspace.PathOf("empty.mp4");
        await File.WriteAllBytesAsync(path, []);

        await AssertRejectedAsync(path, VideoInputErrorKind.EmptyFile);
    }

    [Theory]
    [InlineData("notes.txt")]
    [InlineData("notes.mp4")]
    [InlineData("notes.mkv")]
    public async Task Text_file(string name)
    {
        var path = workspace.PathOf(name);
        await File.WriteAllTextAsync(path, "These are not the frames you are looking for.\nJust text.\n");

        await AssertRejectedAsync(path, VideoInputErrorKind.NotAVideo);
    }

    [Fact]
    public async Task Audio_only_file()
    {
        var path = workspace.PathOf("tone.m4a");
        await Ffmpeg.RunAsync("-f", "lavfi", "-i", "sine=d=0.5", path);

        await AssertRejectedAsync(path, VideoInputErrorKind.NoVideoStream);
    }

    [Fact]
    public async Task Unsupported_codec()
    {
        // Same length as the real codec id, so the rest of the Matroska file stays valid.
        var path = await PatchedAsync("unknown-codec.mkv", bytes => Replace(bytes, "V_MPEG4/ISO/AVC"u8.ToArray(), "V_QQQQQ/QQQ/QQQ"u8.ToArray()));

        await AssertRejectedAsync(path, VideoInputErrorKind.UnsupportedCodec);
    }

    [Fact]
    public async Task Zero_dimensions()
    {
        // Matroska PixelWidth (0xB0) and PixelHeight (0xBA) set to 0, codec made unknown so no decoder restores them.
        var path = await PatchedAsync("zero-size.mkv", bytes =>
            Replace(Replace(Replace(bytes, [0xB0, 0x81, 64], [0xB0, 0x81, 0]), [0xBA, 0x81, 48], [0xBA, 0x81, 0]),
                "V_MPEG4/ISO/AVC"u8.ToArray(), "V_QQQQQ/QQQ/QQQ"u8.ToArray()));

        await AssertRejectedAsync(path, VideoInputErrorKind.InvalidDimensions);
    }

    [Fact]
    public async Task Dimensions_over_the_configured_limit()
    {
        var path = workspace.PathOf("too-big.mkv");
        await Videos.TestSourceAsync(path, "64x48", 5, 0.2, "-c:v", "ffv1");

        await AssertRejectedAsync(path, VideoInputErrorKind.InvalidDimensions, new VideoReadOptions { Limits = new MediaLimits { MaxWidth = 32 } });
    }

    private async Task<string> TruncatedAsync(string name, params string[] encoding)
    {
        var whole = workspace.PathOf($"whole-{name}");
        await Videos.TestSourceAsync(whole, "64x48", 25, 4, ["-c:v", "libx264", "-g", "10", "-pix_fmt", "yuv420p", .. encoding]);
        var bytes = await File.ReadAllBytesAsync(whole);
        var path = workspace.PathOf(name);
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)]);
        return path;
    }

    [Theory]
    [InlineData("truncated.mkv")]
    [InlineData("truncated.mp4")]
    public async Task Truncated_file_delivers_the_frames_before_the_cut_then_fails(string name)
    {
        var path = await TruncatedAsync(name, "-movflags", "+faststart");

        var (frames, error) = await ReadCollectingAsync(path);

        Assert.NotNull(error);
        Assert.Equal(VideoInputErrorKind.Truncated, error.Kind);
        Assert.InRange(frames.Count, 10, 90);
        Assert.Equal(Enumerable.Range(0, frames.Count).Select(i => (long)i), frames.Select(frame => frame.Index));
    }

    [Fact]
    public async Task Truncated_file_under_the_warn_policy_completes_with_what_decodes()
    {
        var path = await TruncatedAsync("truncated-warn.mkv");

        var (frames, error) = await ReadCollectingAsync(path, new VideoReadOptions { OnDamage = DamagePolicy.Warn });

        Assert.Null(error);
        Assert.InRange(frames.Count, 10, 90);
    }

    [Fact]
    public async Task A_complaint_about_the_first_slice_fails_by_default_but_is_a_warning_when_judged_by_the_frames()
    {
        var path = workspace.PathOf("damaged-first-slice.mp4");
        var complaint = await DamagedFirstSlice.WriteAsync(path);

        var (strictFrames, strictError) = await ReadCollectingAsync(path);
        var warnings = new List<string>();
        var (frames, error) = await ReadCollectingAsync(path, new VideoReadOptions { OnDamage = DamagePolicy.JudgeByFrames, OnWarning = warnings.Add });

        Assert.NotNull(strictError);
        Assert.True(strictFrames.Count < DamagedFirstSlice.Frames);
        Assert.Null(error);
        Assert.Equal(DamagedFirstSlice.Frames, frames.Count);
        var warning = Assert.Single(warnings);
        Assert.Contains($"decoded all {DamagedFirstSlice.Frames} frames", warning);
        Assert.Contains(complaint[(complaint.IndexOf("[error]", StringComparison.Ordinal) + 8)..].Trim(), warning);
    }

    [Fact]
    public async Task Judged_by_the_frames_a_truncated_file_still_fails_after_delivering_what_decodes()
    {
        var path = await TruncatedAsync("truncated-judged.mp4", "-movflags", "+faststart");
        var warnings = new List<string>();

        var (frames, error) = await ReadCollectingAsync(path, new VideoReadOptions { OnDamage = DamagePolicy.JudgeByFrames, OnWarning = warnings.Add });

        Assert.NotNull(error);
        Assert.Equal(VideoInputErrorKind.Truncated, error.Kind);
        Assert.InRange(frames.Count, 10, 90);
        Assert.Empty(warnings);
    }

    [Fact]
    public async Task Mp4_cut_before_its_index_is_reported_as_truncated()
    {
        var path = await TruncatedAsync("no-moov.mp4");

        await AssertRejectedAsync(path, VideoInputErrorKind.Truncated);
    }

    [Fact]
    public async Task Corruption_mid_stream_delivers_earlier_frames_then_fails()
    {
        var whole = workspace.PathOf("whole-corrupt.mkv");
        await Videos.TestSourceAsync(whole, "64x48", 25, 4, "-c:v", "libx264", "-g", "10", "-pix_fmt", "yuv420p");
        var bytes = await File.ReadAllBytesAsync(whole);
        new Random(3).NextBytes(bytes.AsSpan(bytes.Length / 2, 3000));
        var path = workspace.PathOf("corrupt.mkv");
        await File.WriteAllBytesAsync(path, bytes);

        var (frames, error) = await ReadCollectingAsync(path);

        Assert.NotNull(error);
        Assert.Contains(error.Kind, new[] { VideoInputErrorKind.Corrupt, VideoInputErrorKind.Truncated });
        Assert.NotNull(error.ToolOutput);
        Assert.InRange(frames.Count, 10, 99);
    }
}
