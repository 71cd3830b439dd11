using VideoPipe.Abstractions;

namespace VideoPipe.Jobs;

/// <summary>The tokenizer a reconstruction resolved to and the tiling it uses (what the seam report needs to know).</summary>
public sealed record ReconstructPlan(string Family, string? Preset, TokenizerCard Card, int? RequestedTileFrames)
{
    /// <summary>Streaming sessions and causal chunks when the family streams exactly; overlap tiling otherwise.</summary>
    public bool Streaming => Card.ExactCausalStreaming;

    public int TileFrames => RequestedTileFrames ?? (Streaming ? ReconstructGraph.DefaultStreamingTileFrames : Card.DefaultTileFrames);

    public int OverlapFrames => Streaming ? 0 : Card.DefaultTileOverlapFrames;
}
