namespace VideoPipe.Abstractions;

/// <summary>What encode returns.</summary>
public enum PosteriorMode
{
    Mean,
    Sample,
    LogVar,
    Moments,
}

public sealed record EncodeOptions
{
    public static readonly EncodeOptions Default = new();

    public PosteriorMode Posterior { get; init; } = PosteriorMode.Mean;

    /// <summary>Required when <see cref="Posterior"/> is Sample; recorded in outputs.</summary>
    public ulong? Seed { get; init; }

    /// <summary>Apply the card's scale/shift to the returned latent.</summary>
    public bool Scaled { get; init; } = true;

    /// <summary>Family-specific settings (tiling, chunk sizes, ...), keys as the family documents.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}

public sealed record DecodeOptions
{
    public static readonly DecodeOptions Default = new();

    /// <summary>The latent passed in carries the card's scale/shift (and is un-scaled first).</summary>
    public bool Scaled { get; init; } = true;

    /// <summary>Seed for generative decoders; recorded in outputs.</summary>
    public ulong? Seed { get; init; }

    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}
