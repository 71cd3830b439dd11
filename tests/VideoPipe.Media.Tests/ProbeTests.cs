using VideoPipe.Media.Tests.Support;

namespace VideoPipe.Media.Tests;

public sealed class ProbeTests(Workspace workspace) : IClassFixture<Workspace>
{
    [Fact]
    public async Task Mp4_with_audio_reports_every_field()
    {
        var path = workspace.PathOf("with-audio.mp4");
        await Ffmpeg.RunAsync("-f", "lavfi", "-i", "testsrc2=s=64x48:r=25:d=2", "-f", "lavfi", "-i", "sine=d=2",
            "-c:v", "libx264", "-pix_fmt", "yuv420p", "-colorspace", "bt709", "-color_range", "tv", "-c:a", "aac", "-shortest", path);

        var info = await new VideoProber().ProbeAsync(path);

        Assert.Contains("mp4", info.Container);
        Assert.Equal(("h264", 64, 48, 0), (info.Codec, info.Width, info.Height, info.DisplayRotation));
        Assert.Equal(("yuv420p", 8, ColorRange.Limited, "bt709"), (info.PixelFormat, info.BitDepth, info.ColorRange, info.ColorSpace));
        Assert.Equal((new Rational(25, 1), new Rational(25, 1), new Rational(1, 1)), (info.AverageFrameRate, info.RealFrameRate, info.SampleAspectRatio));
        Assert.False(info.IsVariableFrameRate);
        Assert.True(info.HasAudio);
        Assert.Equal((50L, FrameCountSource.ContainerHeader, true), (info.FrameCount, info.FrameCountSource, info.FrameCountIsExact));
        Assert.Equal(2.0, info.Duration!.Value.TotalSeconds, 1);
        Assert.True(info.TimeBase.IsKnown);
    }

    [Fact]
    public async Task Matroska_frame_count_is_counted_when_cheap_and_estimated_otherwise()
    {
        var path = workspace.PathOf("count.mkv");
        await Videos.TestSourceAsync(path, "32x32", 10, 3, "-c:v", "ffv1");

        var counted = await new VideoProber().ProbeAsync(path);
        var estimated = await new VideoProber().ProbeAsync(path, new ProbeOptions { PacketScanMaxBytes = 0 });

        Assert.Equal((30L, FrameCountSource.PacketScan), (counted.FrameCount, counted.FrameCountSource));
        Assert.False(counted.IsVariableFrameRate);
        Assert.Equal((30L, FrameCountSource.Estimated, false), (estimated.FrameCount, estimated.FrameCountSource, estimated.FrameCountIsExact));
    }

    [Theory]
    [InlineData("yuv420p", 8)]
    [InlineData("yuv420p10le", 10)]
    [InlineData("p010le", 10)]
    [InlineData("yuv444p12le", 12)]
    [InlineData("rgb48le", 16)]
    [InlineData("gbrp10be", 10)]
    [InlineData("nv12", 8)]
    [InlineData("rgb24", 8)]
    public void Bit_depth_is_read_from_the_pixel_format(string pixelFormat, int bits) => Assert.Equal(bits, PixelFormats.BitDepth(pixelFormat));

    [Theory]
    [InlineData("30000/1001", 30000, 1001)]
    [InlineData("25", 25, 1)]
    [InlineData("0/0", 0, 0)]
    [InlineData("garbage", 0, 0)]
    public void Rationals_parse_like_ffmpeg_writes_them(string text, long numerator, long denominator) =>
        Assert.Equal(new Rational(numerator, denominator), Rational.Parse(text));

    [Fact]
    public void Frame_rate_constancy_tolerates_rounding_but_not_jitter()
    {
        long[] ntscInMilliseconds = [0, 33, 67, 100, 133, 167, 200, 234];
        long[] jittered = [0, 130, 200, 330, 400];

        Assert.False(Probing.PacketTimestamps.IsVariable(ntscInMilliseconds));
        Assert.True(Probing.PacketTimestamps.IsVariable(jittered));
    }
}
