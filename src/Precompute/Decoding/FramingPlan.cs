using VideoPipe.Media;
using VideoPipe.Engine;

namespace VideoPipe.Precompute;

/// <summary>
/// How a source's frames become the tokenizer's input size. With a target size the reader resizes (in ffmpeg) so
/// the frame covers the target with its aspect kept, and the centre is cut here; without one the frame keeps its
/// size and the reader trims it to the tokenizer's alignment.
/// </summary>
public sealed record FramingPlan(FrameSize OriginalSize, FrameSize ResizedSize, int CropX, int CropY, FrameSize ProcessedSize, int? ShorterSide, int SizeMultiple)
{
    public IReadOnlyList<int> CropBox => [CropX, CropY, ProcessedSize.Width, ProcessedSize.Height];

    /// <summary>True when this side cuts the frames the reader delivers (the reader did not already).</summary>
    public bool CutsHere => ShorterSide is not null;

    public static FramingPlan For(VideoInfo info, FrameSize? target, int alignment)
    {
        var original = new FrameSize(info.DisplayWidth, info.DisplayHeight);
        var (width, height) = DisplaySize(info);
        if (target is not { } size)
        {
            var processed = new FrameSize(original.Width / alignment * alignment, original.Height / alignment * alignment);
            if (processed.Width == 0 || processed.Height == 0)
            {
                throw new VideoInputException(info.Path, VideoInputErrorKind.InvalidDimensions, $"{original} is smaller than the tokenizer's {alignment}-pixel alignment");
            }

            return new FramingPlan(original, original, (original.Width - processed.Width) / 2, (original.Height - processed.Height) / 2, processed, null, alignment);
        }

        // The reader resizes by the shorter side (rounding the longer one), so find the smallest shorter side
        // whose resized frame covers the target on both axes.
        var shorterIsWidth = width <= height;
        var scale = Math.Max(size.Width / width, size.Height / height);
        var shorter = Math.Max(1, (int)Math.Ceiling((shorterIsWidth ? width : height) * scale - 1e-9));
        FrameSize resized;
        while (true)
        {
            resized = shorterIsWidth
                ? new FrameSize(shorter, Math.Max(1, (int)Math.Round(height * shorter / width)))
                : new FrameSize(Math.Max(1, (int)Math.Round(width * shorter / height)), shorter);
            if (resized.Width >= size.Width && resized.Height >= size.Height)
            {
                break;
            }

            shorter++;
        }

        return new FramingPlan(original, resized, (resized.Width - size.Width) / 2, (resized.Height - size.Height) / 2, size, shorter, 1);
    }

    /// <summary>The upright size with the sample aspect ratio applied, as the reader's resize sees it.</summary>
    private static (double Width, double Height) DisplaySize(VideoInfo info)
    {
        double width = info.DisplayWidth;
        double height = info.DisplayHeight;
        var sar = info.SampleAspectRatio;
        if (sar.IsKnown && sar.Numerator != sar.Denominator)
        {
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
