namespace VideoPipe.Abstractions;

/// <summary>
/// What flows over a pipeline edge. Connected stages must agree on it: items -> frames -> tiles -> latents -> tiles -> frames.
/// Plugins may define kinds of their own (compared by name).
/// </summary>
public sealed record PortKind(string Name)
{
    /// <summary>No input (a source) or no output (a sink).</summary>
    public static readonly PortKind None = new("none");

    /// <summary><see cref="WorkItem"/> payloads: one per source clip.</summary>
    public static readonly PortKind Items = new("items");

    /// <summary><see cref="FrameBlock"/> payloads: consecutive rgb24 frames of one clip.</summary>
    public static readonly PortKind Frames = new("frames");

    /// <summary><see cref="TemporalTile"/> payloads: model-ready temporal tiles in [-1, 1].</summary>
    public static readonly PortKind Tiles = new("tiles");

    /// <summary><see cref="LatentTile"/> payloads: one latent per temporal tile.</summary>
    public static readonly PortKind Latents = new("latents");

    public override string ToString() => Name;
}
