using System.Globalization;

namespace VideoPipe.Media;

public readonly record struct FrameSize(int Width, int Height)
{
    /// <summary>Parses "WxH" (e.g. 256x256).</summary>
    public static FrameSize Parse(string text)
    {
        var parts = text.Split('x', 'X');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var width)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var height)
            || width < 1 || height < 1)
        {
            throw new FormatException($"size '{text}' must look like WxH with positive integers (e.g. 256x256)");
        }

        return new FrameSize(width, height);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Width}x{Height}");
}
