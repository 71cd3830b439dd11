namespace VideoPipe.Abstractions;

/// <summary>
/// What validation knows about the media reaching a stage; null fields are decided per clip at run time.
/// <see cref="SizeMultiple"/> is a number both width and height are guaranteed to be multiples of.
/// </summary>
public sealed record MediaShape(int? Width, int? Height, long? Frames)
{
    public static readonly MediaShape Unknown = new(null, null, null);

    public int? SizeMultiple { get; init; }
}
