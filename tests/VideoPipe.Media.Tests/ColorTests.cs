using VideoPipe.Media.Tests.Support;

namespace VideoPipe.Media.Tests;

public sealed class ColorTests(Workspace workspace) : IClassFixture<Workspace>
{
    /// <summary>A solid colour converted to YCbCr by ffmpeg with the given matrix/range/format, tagged accordingly, stored losslessly.</summary>
    private async Task<string> SolidAsync(string name, string rgbHex, string matrix, string range, string pixelFormat)
    {
        var path = workspace.PathOf(name);
        var tag = matrix == "bt709" ? "bt709" : "smpte170m";
        await Ffmpeg.RunAsync(
            "-f", "lavfi", "-i", $"color=c=0x{rgbHex}:s=16x16:r=5:d=0.4",
            "-filter:v", $"format=rgb24,scale=out_color_matrix={matrix}:out_range={range},format={pixelFormat}",
            "-colorspace", tag, "-color_range", range == "full" ? "pc" : "tv",
            "-c:v", "ffv1", path);
        return path;
    }

    private static void AssertColor(VideoFrame frame, int red, int green, int blue, int tolerance)
    {
        var center = (frame.Height / 2 * frame.Width + frame.Width / 2) * 3;
        var actual = (frame.Span[center], frame.Span[center + 1], frame.Span[center + 2]);
        Assert.True(Math.Abs(actual.Item1 - red) <= tolerance && Math.Abs(actual.Item2 - green) <= tolerance && Math.Abs(actual.Item3 - blue) <= tolerance,
            $"expected ({red},{green},{blue}) ±{tolerance}, got {actual}");
    }

    [Theory]
    [InlineData("bt709", "limited")]
    [InlineData("bt601", "limited")]
    [InlineData("bt709", "full")]
    [InlineData("bt601", "full")]
    public async Task Tagged_matrix_and_range_convert_back_to_the_original_colour(string matrix, string range)
    {
        // Saturated red and dark grey are far apart under the wrong matrix (green shifts) or range (grey shifts).
        var red = await SolidAsync($"red-{matrix}-{range}.mkv", "E01010", matrix, range, "yuv444p");
        var grey = await SolidAsync($"grey-{matrix}-{range}.mkv", "404040", matrix, range, "yuv444p");

        var info = await new VideoProber().ProbeAsync(red);
        AssertColor((await new VideoReader().ReadAllAsync(red))[0], 0xE0, 0x10, 0x10, 2);
        AssertColor((await new VideoReader().ReadAllAsync(grey))[0], 0x40, 0x40, 0x40, 2);
        Assert.Equal(range == "full" ? ColorRange.Full : ColorRange.Limited, info.ColorRange);
    }

    [Fact]
    public async Task Ten_bit_input_decodes_correctly()
    {
        var path = await SolidAsync("teal-10bit.mkv", "3070B0", "bt709", "limited", "yuv420p10le");

        var info = await new VideoProber().ProbeAsync(path);
        var frames = await new VideoReader().ReadAllAsync(path);

        Assert.Equal(("yuv420p10le", 10), (info.PixelFormat, info.BitDepth));
        Assert.Equal(2, frames.Count);
        AssertColor(frames[0], 0x30, 0x70, 0xB0, 2);
    }

    [Fact]
    public async Task Ten_bit_and_eight_bit_encodes_of_the_same_picture_agree()
    {
        var eight = workspace.PathOf("pattern-8.mkv");
        var ten = workspace.PathOf("pattern-10.mkv");
        string[] tags = ["-colorspace", "bt709", "-color_range", "tv", "-c:v", "ffv1"];
        await Videos.TestSourceAsync(eight, "64x48", 5, 0.2, ["-filter:v", "scale=out_color_matrix=bt709:out_range=limited,format=yuv444p", .. tags]);
        await Videos.TestSourceAsync(ten, "64x48", 5, 0.2, ["-filter:v", "scale=out_color_matrix=bt709:out_range=limited,format=yuv444p10le", .. tags]);

        var fromEight = (await new VideoReader().ReadAllAsync(eight))[0];
        var fromTen = (await new VideoReader().ReadAllAsync(ten))[0];

        Assert.InRange(Pixels.MeanAbsoluteDifference(fromEight.Span, fromTen.Span), 0, 1.0);
    }
}
