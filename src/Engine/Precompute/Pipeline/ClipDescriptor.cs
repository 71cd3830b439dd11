namespace VideoPipe.Precompute;

/// <summary>Everything known about a clip before it is encoded.</summary>
public sealed record ClipDescriptor
{
    public required string ItemId { get; init; }

    public required SourceVideo Source { get; init; }

    public required SourceFacts Facts { get; init; }

    public required ClipWindow Window { get; init; }

    public required IReadOnlyList<long> FrameIndices { get; init; }

    public required IReadOnlyList<double> FramePts { get; init; }

    public required double SourceFps { get; init; }

    public required double SampledFps { get; init; }

    public required SourceFraming Framing { get; init; }

    /// <summary>The aspect-ratio bucket the source went to (null without --buckets).</summary>
    public string? Bucket { get; init; }

    /// <summary>How a whole-video clip was cut for the streaming encode session (e.g. "29+32k" frames), null when encoded whole.</summary>
    public string? StreamedChunks { get; init; }
}
