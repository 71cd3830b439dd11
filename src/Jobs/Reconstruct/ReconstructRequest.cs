namespace VideoPipe.Jobs;

/// <summary>What <c>videopipe reconstruct</c> was asked to do.</summary>
public sealed record ReconstructRequest
{
    /// <summary>A video file, or "-" for standard input.</summary>
    public required string Input { get; init; }

    /// <summary>A video file, or "-" for standard output.</summary>
    public required string Output { get; init; }

    /// <summary>A preset or a family id.</summary>
    public required string Tokenizer { get; init; }

    public required string WeightsPath { get; init; }

    public string? ConfigPath { get; init; }

    /// <summary>Frames per tile (streaming: the first chunk); null for the family's default.</summary>
    public int? TileFrames { get; init; }

    /// <summary>Overlap tiling: "drop" or "blend" the shared frames; null: as the card says (<see cref="TokenizerCard.BlendTileOverlap"/>).</summary>
    public string? Overlap { get; init; }

    public string Device { get; init; } = "cpu";

    public string DType { get; init; } = "float32";

    /// <summary>Noise seed for generative decoders.</summary>
    public long? Seed { get; init; }

    /// <summary>The tokenizer family's settings for encode and decode (keys as its card declares).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Write the reconstruction losslessly (FFV1, RGB) instead of H.264, e.g. to score it exactly afterwards.</summary>
    public bool Lossless { get; init; }

    /// <summary>Output container (mp4, mkv, nut); null: from the output's extension.</summary>
    public string? Format { get; init; }

    /// <summary>Where the metrics stage scores the output against the source (null: no metrics).</summary>
    public string? MetricsDirectory { get; init; }
}
