namespace VideoPipe.Plugins.Cdt.Layers;

/// <summary>
/// What the causal layers need to know about the chunk being processed: the feature cache (null runs the
/// chunk as a whole sequence, with causal padding in front) and whether this is the first chunk of the stream
/// (TimeUpsample then drops its first output frame, upstream's CLIP_FIRST_CHUNK).
/// </summary>
public sealed record CausalPass(FeatureCache? Cache, bool FirstChunk)
{
    /// <summary>One whole clip, no cache, first-chunk trimming on (upstream's single-chunk path).</summary>
    public static CausalPass WholeClip { get; } = new(null, true);
}
