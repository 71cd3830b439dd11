using VideoPipe.Media.Tests.Support;

namespace VideoPipe.Media.Tests;

/// <summary>
/// Every axis-aligned display matrix, written into an MP4's track header (this ffmpeg has no -display_hflip), read
/// through the lossless path. The expected picture is computed here from the matrix's definition in ISO/IEC 14496-12
/// (a stored pixel (x, y) is shown at (a·x + c·y, b·x + d·y), y pointing down) and checked against ffmpeg's own
/// autorotation, which the reader turns off.
/// </summary>
public sealed class DisplayMatrixTests(Workspace workspace) : IClassFixture<Workspace>
{
    private const int StoredWidth = 12;
    private const int StoredHeight = 20;
    private const int One = Mp4TrackMatrix.One;

    [Theory]
    [InlineData(-1, 0, 0, 1, 0, true)] // left-right mirror: the matrix ffmpeg's h264 decoder makes from a "hflip" orientation SEI
    [InlineData(1, 0, 0, -1, 180, true)] // upside-down mirror
    [InlineData(0, 1, 1, 0, 270, true)] // transpose
    [InlineData(0, -1, -1, 0, 90, true)] // anti-transpose
    [InlineData(0, 1, -1, 0, 90, false)]
    [InlineData(-1, 0, 0, -1, 180, false)]
    [InlineData(0, -1, 1, 0, 270, false)]
    public async Task Display_matrix_turn_and_mirror_are_undone_exactly(int a, int b, int c, int d, int clockwise, bool mirrored)
    {
        var stored = Pixels.Noise(StoredWidth, StoredHeight, 11);
        var path = workspace.PathOf($"matrix_{a}_{b}_{c}_{d}.mp4");
        await using (var writer = VideoWriter.Create(path, new VideoWriteOptions { Width = StoredWidth, Height = StoredHeight, FrameRate = new Rational(5, 1), Encoding = VideoEncoding.LosslessH264Rgb, Preset = "ultrafast" }))
        {
            await writer.WriteAsync(stored);
            await writer.CompleteAsync();
        }

        var (shown, shownWidth, shownHeight, translation) = Displayed(stored, a, b, c, d);
        await Mp4TrackMatrix.SetAsync(path, [a * One, b * One, 0, c * One, d * One, 0, translation.X * One, translation.Y * One, 1 << 30]);

        var autorotatedByFfmpeg = await Ffmpeg.CaptureAsync("-i", path, "-f", "rawvideo", "-pix_fmt", "rgb24", "-");
        var info = await new VideoProber().ProbeAsync(path);
        var frame = Assert.Single(await new VideoReader().ReadAllAsync(path));

        Assert.Equal((clockwise, mirrored), (info.DisplayRotation, info.DisplayMirrored));
        Assert.Equal((shownWidth, shownHeight), (info.DisplayWidth, info.DisplayHeight));
        Assert.Equal((shownWidth, shownHeight), (frame.Width, frame.Height));
        Assert.True(shown.AsSpan().SequenceEqual(frame.Span), "reader output is not the picture the display matrix describes");
        Assert.True(autorotatedByFfmpeg.AsSpan().SequenceEqual(frame.Span), "reader disagrees with ffmpeg's own autorotation");
    }

    /// <summary>Maps each stored pixel centre through the matrix; the translation moves the picture to the origin.</summary>
    private static (byte[] Pixels, int Width, int Height, (int X, int Y) Translation) Displayed(byte[] stored, int a, int b, int c, int d)
    {
        var width = Math.Abs(a) * StoredWidth + Math.Abs(c) * StoredHeight;
        var height = Math.Abs(b) * StoredWidth + Math.Abs(d) * StoredHeight;
        var left = Math.Min(0, a * StoredWidth) + Math.Min(0, c * StoredHeight);
        var top = Math.Min(0, b * StoredWidth) + Math.Min(0, d * StoredHeight);
        var shown = new byte[stored.Length];
        for (var y = 0; y < StoredHeight; y++)
        {
            for (var x = 0; x < StoredWidth; x++)
            {
                // Twice the centre's coordinates keep the arithmetic in integers.
                var column = (a * (2 * x + 1) + c * (2 * y + 1) - 2 * left - 1) / 2;
                var row = (b * (2 * x + 1) + d * (2 * y + 1) - 2 * top - 1) / 2;
                Array.Copy(stored, (y * StoredWidth + x) * 3, shown, (row * width + column) * 3, 3);
            }
        }

        return (shown, width, height, (-left, -top));
    }

    /// <summary>Overwrites the identity matrix that follows the "tkhd" box type (big-endian 32-bit fixed point).</summary>
}
