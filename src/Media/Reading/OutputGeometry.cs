namespace VideoPipe.Media.Reading;

/// <summary>
/// Output size arithmetic: upright size → (optional) shorter side resize with the sample aspect ratio applied →
/// centre crop or pad to a multiple.
/// </summary>
internal readonly record struct OutputGeometry(int ScaledWidth, int ScaledHeight, int Width, int Height)
{
    public int OffsetX => Math.Abs(ScaledWidth - Width) / 2;

    public int OffsetY => Math.Abs(ScaledHeight - Height) / 2;

    public static OutputGeometry For(VideoInfo info, VideoReadOptions options)
    {
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

    private static (int Width, int Height) Resize(VideoInfo info, int shorterSide)
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

        return width <= height
            ? (shorterSide, Math.Max(1, (int)Math.Round(height * shorterSide / width)))
            : (Math.Max(1, (int)Math.Round(width * shorterSide / height)), shorterSide);
    }
}
