using VideoPipe.Torch;

namespace VideoPipe.Abstractions;

/// <summary>How a latent was made; stored with it and needed to decode it correctly.</summary>
public sealed record LatentProvenance
{
    public required string Family { get; init; }

    public required string Variant { get; init; }

    public required string Version { get; init; }

    public required LatentScaling Scaling { get; init; }

    /// <summary>True when the card's scale/shift was applied to the stored values.</summary>
    public required bool ScalingApplied { get; init; }

    public required PosteriorMode Posterior { get; init; }

    public ulong? Seed { get; init; }
}

/// <summary>The latent of one temporal tile: [1, C, t, h, w].</summary>
public sealed class LatentTile(Tensor latents, TileGeometry geometry, LatentProvenance provenance) : IDisposable
{
    public Tensor Latents { get; } = latents;

    public TileGeometry Geometry { get; } = geometry;

    public LatentProvenance Provenance { get; } = provenance;

    public void Dispose() => Latents.Dispose();
}
