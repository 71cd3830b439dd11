namespace VideoPipe.Media.Reading;

/// <summary>
/// Output size arithmetic, the one resize/crop rule of VideoPipe: upright size → (optional) resize with the sample
/// aspect ratio applied, by a shorter side or to cover a target size → centre crop (or pad) to a multiple or to
/// the target. The reader runs it in ffmpeg; jobs record it (a latent's resized size and crop box).
/// </summary>
public readonly record struct OutputGeometry(int ScaledWidth, int ScaledHeight, int Width, int Height)
{
    public int OffsetX => Math.Abs(ScaledWidth - Width) / 2;

    public int OffsetY => Math.Abs(ScaledHeight - Height) / 2;

    /// <summary>The size after the resize, before the crop.</summary>
    public FrameSize Scaled => new(ScaledWidth, ScaledHeight);

    /// <summary>The size of the frames delivered.</summary>
    public FrameSize Output => new(Width, Height);

    /// <summary>x, y, width, height of the cut inside the resized frame.</summary>
    public IReadOnlyList<int> CropBox => [OffsetX, OffsetY, Width, Height];

    public static OutputGeometry For(VideoInfo info, VideoReadOptions options)
    {
        if (options.Cover is { } cover)
        {
            var (coverWidth, coverHeight) = Covering(info, cover);
            return new OutputGeometry(coverWidth, coverHeight, cover.Width, cover.Height);
        }

        var (scaledWidth, scaledHeight) = options.ShorterSide is { } shorterSide
            ? Resize(info, shorterSide)
            : (info.DisplayWidth, info.DisplayHeight);

        var multiple = options.SizeMultiple;
        var (width, height) = options.Fit == SizeFitMode.CenterCrop
            ? (scaledWidth / multiple * multiple, scaledHeight / multiple * multiple)
            : ((scaledWidth + multiple - 1) / multiple * multiple, (scaledHeight + multiple - 1) / multiple * multiple);

        if (width == 0 || height == 0)
        {
            throw new VideoInputException(info.Path, VideoInputErrorKind.InvalidDimensions,
                $"{scaledWidth}x{scaledHeight} cannot be centre-cropped to a multiple of {multiple}");
        }

        return new OutputGeometry(scaledWidth, scaledHeight, width, height);
    }

    /// <summary>The smallest shorter-side resize (rounding the longer side as <see cref="Resize"/> does) that covers the target on both axes.</summary>
    private static (int Width, int Height) Covering(VideoInfo info, FrameSize target)
    {
        var (width, height) = DisplaySize(info);
        var scale = Math.Max(target.Width / width, target.Height / height);
        var shorter = Math.Max(1, (int)Math.Ceiling(Math.Min(width, height) * scale - 1e-9));
        while (Resize(info, shorter) is var (w, h) && (w < target.Width || h < target.Height))
        {
            shorter++;
        }

        return Resize(info, shorter);
    }

    private static (int Width, int Height) Resize(VideoInfo info, int shorterSide)
    {
        var (width, height) = DisplaySize(info);
        return width <= height
            ? (shorterSide, Math.Max(1, (int)Math.Round(height * shorterSide / width)))
            : (Math.Max(1, (int)Math.Round(width * shorterSide / height)), shorterSide);
    }

    /// <summary>The upright size with the sample aspect ratio applied.</summary>
    private static (double Width, double Height) DisplaySize(VideoInfo info)
    {
        double width = info.DisplayWidth;
        double height = info.DisplayHeight;
        var sar = info.SampleAspectRatio;
        if (sar.IsKnown && sar.Numerator != sar.Denominator)
        {
            // The sample aspect ratio stretches stored columns, which become rows after a quarter turn.
            if (info.DisplayRotation is 90 or 270)
            {
                height *= sar.ToDouble();
            }
            else
            {
                width *= sar.ToDouble();
            }
        }

        return (width, height);
    }
}
