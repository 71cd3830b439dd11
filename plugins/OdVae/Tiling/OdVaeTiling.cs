namespace VideoPipe.Plugins.OdVae.Tiling;

/// <summary>
/// Upstream v1.2.0 tiling attributes. Defaults are the model constructor's; like upstream, the latent sizes are not
/// derived from the pixel sizes when those change, so callers set both.
/// </summary>
public sealed record OdVaeTiling
{
    public static readonly OdVaeTiling UpstreamDefaults = new();

    /// <summary>Spatial tile size in pixels (S).</summary>
    public int TileSampleMinSize { get; init; } = 256;

    /// <summary>Spatial tile size in latents (Sl).</summary>
    public int TileLatentMinSize { get; init; } = 32;

    /// <summary>Frames per temporal chunk when encoding (St); neighbouring chunks share one frame.</summary>
    public int TileSampleMinSizeT { get; init; } = 33;

    /// <summary>Latent frames per temporal chunk when decoding (Slt); neighbouring chunks share one latent.</summary>
    public int TileLatentMinSizeT { get; init; } = 16;

    /// <summary>Fraction of a spatial tile blended with its neighbour (f).</summary>
    public double TileOverlapFactor { get; init; } = 0.125;

    /// <summary>Encoder tile stride P = int(S (1 - f)) pixels.</summary>
    public int EncodeStride => (int)(TileSampleMinSize * (1 - TileOverlapFactor));

    /// <summary>Encoder blend extent E = int(Sl f) latents.</summary>
    public int EncodeBlend => (int)(TileLatentMinSize * TileOverlapFactor);

    /// <summary>Decoder tile stride P' = int(Sl (1 - f)) latents.</summary>
    public int DecodeStride => (int)(TileLatentMinSize * (1 - TileOverlapFactor));

    /// <summary>Decoder blend extent E' = int(S f) pixels.</summary>
    public int DecodeBlend => (int)(TileSampleMinSize * TileOverlapFactor);

    public void Validate()
    {
        if (TileSampleMinSize < 1 || TileLatentMinSize < 1)
        {
            throw new ArgumentException("tiling: tile_sample_min_size and tile_latent_min_size must be positive");
        }

        if (TileSampleMinSizeT < 2 || TileLatentMinSizeT < 2)
        {
            throw new ArgumentException("tiling: tile_sample_min_size_t and tile_latent_min_size_t must be at least 2 (chunks share one frame)");
        }

        if (TileOverlapFactor < 0 || TileOverlapFactor >= 1 || EncodeStride < 1 || DecodeStride < 1)
        {
            throw new ArgumentException($"tiling: tile_overlap_factor {TileOverlapFactor} must be in [0, 1) and leave a positive tile stride");
        }
    }
}
