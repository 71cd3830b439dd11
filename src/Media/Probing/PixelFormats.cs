using System.Text.RegularExpressions;

namespace VideoPipe.Media;

/// <summary>Facts read off ffmpeg pixel format names (yuv420p10le, p010le, rgb48be, gbrp, nv12, …).</summary>
public static partial class PixelFormats
{
    public static int BitDepth(string pixelFormat)
    {
        if (SemiPlanarHighDepth().Match(pixelFormat) is { Success: true } semiPlanar)
        {
            return int.Parse(semiPlanar.Groups[1].ValueSpan);
        }

        if (pixelFormat.StartsWith("rgb48", StringComparison.Ordinal) || pixelFormat.StartsWith("bgr48", StringComparison.Ordinal)
            || pixelFormat.StartsWith("rgba64", StringComparison.Ordinal) || pixelFormat.StartsWith("bgra64", StringComparison.Ordinal))
        {
            return 16;
        }

        if (TrailingDepth().Match(pixelFormat) is { Success: true } trailing && int.Parse(trailing.Groups[1].ValueSpan) is >= 9 and <= 16 and var depth)
        {
            return depth;
        }

        return 8;
    }

    public static bool IsRgb(string pixelFormat) =>
        pixelFormat.StartsWith("rgb", StringComparison.Ordinal) || pixelFormat.StartsWith("bgr", StringComparison.Ordinal)
        || pixelFormat.StartsWith("gbr", StringComparison.Ordinal) || pixelFormat.StartsWith("argb", StringComparison.Ordinal)
        || pixelFormat.StartsWith("abgr", StringComparison.Ordinal) || pixelFormat.StartsWith("0rgb", StringComparison.Ordinal)
        || pixelFormat.StartsWith("0bgr", StringComparison.Ordinal) || pixelFormat.StartsWith("x2rgb", StringComparison.Ordinal);

    [GeneratedRegex(@"^p[0-4](\d\d)(le|be)$")]
    private static partial Regex SemiPlanarHighDepth();

    [GeneratedRegex(@"(\d+)(le|be)$")]
    private static partial Regex TrailingDepth();
}
