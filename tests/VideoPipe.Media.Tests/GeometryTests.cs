using VideoPipe.Media.Tests.Support;

namespace VideoPipe.Media.Tests;

public sealed class GeometryTests(Workspace workspace) : IClassFixture<Workspace>
{
    [Fact]
    public async Task Display_rotation_is_applied_so_frames_come_out_upright()
    {
        const int uprightWidth = 12;
        const int uprightHeight = 20;
        var upright = Pixels.Noise(uprightWidth, uprightHeight, 7);
        // Stored turned a quarter clockwise; the display matrix (ffprobe rotation 90 = counter-clockwise) undoes it.
        var stored = Pixels.RotateClockwise(upright, uprightWidth, uprightHeight);
        var plain = workspace.PathOf("stored.mp4");
        await using (var writer = VideoWriter.Create(plain, new VideoWriteOptions { Width = uprightHeight, Height = uprightWidth, FrameRate = new Rational(5, 1), Encoding = VideoEncoding.LosslessH264Rgb, Preset = "ultrafast" }))
        {
            await writer.WriteAsync(stored);
            await writer.CompleteAsync();
        }

        var rotated = workspace.PathOf("rotated.mp4");
        await Ffmpeg.RunAsync("-i", plain, "-c", "copy", "-metadata:s:v:0", "rotate=90", rotated);
        var autorotatedByFfmpeg = await Ffmpeg.CaptureAsync("-i", rotated, "-f", "rawvideo", "-pix_fmt", "rgb24", "-");

        var info = await new VideoProber().ProbeAsync(rotated);
        var frame = Assert.Single(await new VideoReader().ReadAllAsync(rotated));

        Assert.Equal((uprightHeight, uprightWidth), (info.Width, info.Height));
        Assert.Equal(270, info.DisplayRotation);
        Assert.Equal((uprightWidth, uprightHeight), (info.DisplayWidth, info.DisplayHeight));
        Assert.Equal((uprightWidth, uprightHeight), (frame.Width, frame.Height));
        Assert.True(upright.AsSpan().SequenceEqual(frame.Span), "reader output is not the upright picture");
        Assert.True(autorotatedByFfmpeg.AsSpan().SequenceEqual(frame.Span), "reader disagrees with ffmpeg's own autorotation");
    }

    [Theory]
    [InlineData(SizeFitMode.CenterCrop, 32, 32)]
    [InlineData(SizeFitMode.Pad, 48, 32)]
    public async Task Shorter_side_resize_then_crop_or_pad_to_a_multiple(SizeFitMode fit, int width, int height)
    {
        var path = workspace.PathOf($"white-{fit}.mkv");
        await using (var writer = VideoWriter.Create(path, new VideoWriteOptions { Width = 64, Height = 48, FrameRate = new Rational(5, 1), Encoding = VideoEncoding.LosslessFfv1 }))
        {
            await writer.WriteAsync(Pixels.Solid(64, 48, 255, 255, 255));
            await writer.CompleteAsync();
        }

        // 64x48 → shorter side 32 → 43x32 → multiple of 16: crop to 32x32 or pad to 48x32.
        var frame = Assert.Single(await new VideoReader().ReadAllAsync(path, new VideoReadOptions { ShorterSide = 32, SizeMultiple = 16, Fit = fit }));

        Assert.Equal((width, height), (frame.Width, frame.Height));
        var row = frame.Span[..(width * 3)];
        Assert.Equal(255, row[width / 2 * 3]);
        // Padding is black at the edges; a crop is white to the edge.
        Assert.Equal(fit == SizeFitMode.Pad ? 0 : 255, row[0]);
        Assert.Equal(fit == SizeFitMode.Pad ? 0 : 255, row[^1]);
    }

    [Fact]
    public async Task Odd_sized_yuv420_video_decodes_at_its_size()
    {
        var path = workspace.PathOf("odd420.mkv");
        await Ffmpeg.RunAsync("-f", "lavfi", "-i", "testsrc=s=33x17:r=10:d=0.5", "-filter:v", "format=yuv420p", "-c:v", "ffv1", path);

        var info = await new VideoProber().ProbeAsync(path);
        var frames = await new VideoReader().ReadAllAsync(path);

        Assert.Equal((33, 17, "yuv420p"), (info.Width, info.Height, info.PixelFormat));
        Assert.Equal(5, frames.Count);
        Assert.All(frames, frame => Assert.Equal((33, 17, 33 * 17 * 3), (frame.Width, frame.Height, frame.Pixels.Length)));
    }

    [Fact]
    public async Task Odd_sized_frames_written_as_h264_are_padded_to_even()
    {
        var path = workspace.PathOf("odd-h264.mp4");
        await using (var writer = VideoWriter.Create(path, new VideoWriteOptions { Width = 33, Height = 17, FrameRate = new Rational(5, 1), Preset = "ultrafast" }))
        {
            await writer.WriteAsync(Pixels.Solid(33, 17, 200, 100, 50));
            await writer.CompleteAsync();
        }

        var info = await new VideoProber().ProbeAsync(path);

        Assert.Equal((34, 18), (info.Width, info.Height));
        Assert.Equal(("h264", "yuv420p", ColorRange.Limited, "bt709"), (info.Codec, info.PixelFormat, info.ColorRange, info.ColorSpace));
    }

    [Fact]
    public void Sample_aspect_ratio_is_honoured_when_resizing()
    {
        var anamorphic = new VideoInfo { Path = "x", Container = "mkv", Codec = "h264", Width = 720, Height = 576, PixelFormat = "yuv420p", SampleAspectRatio = new Rational(16, 11) };

        var geometry = Reading.OutputGeometry.For(anamorphic, new VideoReadOptions { ShorterSide = 288 });

        Assert.Equal((524, 288), (geometry.Width, geometry.Height));
    }

    [Fact]
    public void Cropping_below_the_multiple_is_an_input_error()
    {
        var tiny = new VideoInfo { Path = "tiny.mkv", Container = "mkv", Codec = "h264", Width = 12, Height = 8, PixelFormat = "yuv420p" };

        var error = Assert.Throws<VideoInputException>(() => Reading.OutputGeometry.For(tiny, new VideoReadOptions { SizeMultiple = 16 }));

        Assert.Equal(VideoInputErrorKind.InvalidDimensions, error.Kind);
    }

    [Theory]
    [InlineData(80, 64, 64, 64, 80, 64, 8, 0)]
    [InlineData(64, 80, 32, 32, 32, 40, 0, 4)]
    [InlineData(100, 50, 64, 64, 128, 64, 32, 0)]
    [InlineData(33, 33, 64, 32, 64, 64, 0, 16)]
    public void Cover_resizes_to_the_smallest_covering_size_and_cuts_the_centre(int width, int height, int targetWidth, int targetHeight, int scaledWidth, int scaledHeight, int x, int y)
    {
        var info = new VideoInfo { Path = "x", Container = "mkv", Codec = "h264", Width = width, Height = height, PixelFormat = "yuv420p" };

        var geometry = Reading.OutputGeometry.For(info, new VideoReadOptions { Cover = new FrameSize(targetWidth, targetHeight) });

        Assert.Equal(new FrameSize(scaledWidth, scaledHeight), geometry.Scaled);
        Assert.Equal(new FrameSize(targetWidth, targetHeight), geometry.Output);
        Assert.Equal([x, y, targetWidth, targetHeight], geometry.CropBox);
    }

    [Fact]
    public async Task Cover_delivers_frames_of_exactly_the_target_size()
    {
        var path = await Videos.WriteNumberedLosslessAsync(workspace.PathOf("cover.mkv"), 1, 64, 48, new Rational(5, 1));

        var frame = Assert.Single(await new VideoReader().ReadAllAsync(path, new VideoReadOptions { Cover = new FrameSize(24, 24), MaxFrames = 1 }));

        Assert.Equal((24, 24), (frame.Width, frame.Height));
    }
}
