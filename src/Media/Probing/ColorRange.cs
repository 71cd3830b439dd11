namespace VideoPipe.Media;

/// <summary>YCbCr quantisation range: Limited ("tv", 16–235) or Full ("pc", 0–255).</summary>
public enum ColorRange
{
    Unspecified,
    Limited,
    Full,
}
