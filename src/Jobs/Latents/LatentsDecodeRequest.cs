namespace VideoPipe.Jobs;

/// <summary>What <c>videopipe latents decode</c> was asked to do.</summary>
public sealed record LatentsDecodeRequest
{
    public required string Dataset { get; init; }

    public required string OutputDirectory { get; init; }

    /// <summary>A preset or a family id.</summary>
    public required string Tokenizer { get; init; }

    public string? WeightsPath { get; init; }

    public string? ConfigPath { get; init; }

    public ulong? RandomWeightsSeed { get; init; }

    /// <summary>The config fingerprint (or its start) of a dataset holding several.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>Decode even when the tokenizer or weights differ from those the latents were made with.</summary>
    public bool Force { get; init; }

    public string Device { get; init; } = "cpu";

    public string DType { get; init; } = "float32";

    /// <summary>Noise seed for generative decoders.</summary>
    public ulong? Seed { get; init; }

    /// <summary>The tokenizer family's decode settings (keys as its card declares).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}
