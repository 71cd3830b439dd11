namespace VideoPipe.Media.Reading;

/// <summary>
/// ffmpeg filters that undo the display matrix (autorotate is off, so what is applied is exactly what the probe
/// reports). The mirror comes first, then the clockwise turn; each combination is one filter where ffmpeg has one
/// (transpose's *_flip modes are a turn plus a mirror).
/// </summary>
internal static class UprightFilters
{
    public static IReadOnlyList<string> For(VideoInfo info) => (info.DisplayRotation, info.DisplayMirrored) switch
    {
        (0, false) => [],
        (90, false) => ["transpose=clock"],
        (180, false) => ["hflip", "vflip"],
        (270, false) => ["transpose=cclock"],
        (0, true) => ["hflip"],
        (90, true) => ["transpose=clock_flip"],
        (180, true) => ["vflip"],
        (270, true) => ["transpose=cclock_flip"],
        var (degrees, _) => throw new ArgumentOutOfRangeException(nameof(info), degrees, "display rotation must be a multiple of 90 in [0, 360)"),
    };
}
