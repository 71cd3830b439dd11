namespace VideoPipe.Media;

/// <summary>Frame sizes the reader accepts; anything outside is rejected as <see cref="VideoInputErrorKind.InvalidDimensions"/>.</summary>
public sealed record MediaLimits
{
    public static MediaLimits Default { get; } = new();

    public int MaxWidth { get; init; } = 8192;

    public int MaxHeight { get; init; } = 8192;

    public long MaxPixels { get; init; } = 8192L * 4320;
}
