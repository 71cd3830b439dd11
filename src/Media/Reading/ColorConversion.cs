namespace VideoPipe.Media.Reading;

/// <summary>
/// The YCbCr→RGB parameters handed to swscale explicitly, so a file's tags (or, when untagged, the usual
/// conventions) decide, never swscale's silent BT.601/limited default.
/// </summary>
internal sealed record ColorConversion(string InputRange, string InputMatrix)
{
    /// <summary>Null for RGB sources, which need no matrix or range.</summary>
    public static ColorConversion? For(VideoInfo info)
    {
        if (info.IsRgb)
        {
            return null;
        }

        var range = info.ColorRange switch
        {
            ColorRange.Full => "full",
            ColorRange.Limited => "limited",
            // yuvj* formats are full range by definition; every other untagged YCbCr is limited.
            _ => info.PixelFormat.StartsWith("yuvj", StringComparison.Ordinal) ? "full" : "limited",
        };
        return new ColorConversion(range, MatrixFor(info));
    }

    private static string MatrixFor(VideoInfo info) => info.ColorSpace switch
    {
        "bt709" => "bt709",
        "smpte170m" or "bt470bg" => "bt601",
        "bt2020nc" or "bt2020c" => "bt2020",
        "smpte240m" => "smpte240m",
        "fcc" => "fcc",
        // Untagged: HD and larger is conventionally BT.709, SD BT.601 (what players assume too).
        _ => info.Width >= 1280 || info.Height >= 720 ? "bt709" : "bt601",
    };
}
