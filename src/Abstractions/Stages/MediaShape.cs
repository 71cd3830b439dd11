namespace VideoPipe.Abstractions;

/// <summary>What validation knows about the media reaching a stage (null: decided per clip at run time).</summary>
public sealed record MediaShape(int? Width, int? Height, long? Frames)
{
    public static readonly MediaShape Unknown = new(null, null, null);
}
