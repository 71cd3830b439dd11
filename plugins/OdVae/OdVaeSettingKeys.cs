using VideoPipe.Plugins.Sdk;

namespace VideoPipe.Plugins.OdVae;

/// <summary>The settings OD-VAE declares on its card; <see cref="OdVaeSettings"/> is what its code reads them into.</summary>
public static class OdVaeSettingKeys
{
    public static FamilySettings Schema { get; } = new("OD-VAE");

    public static BoolSetting Tiling { get; } =
        Schema.Bool("tiling", "true or false: spatial and temporal tiling as upstream (off by default; any tile_* key turns it on)");

    public static IntSetting TileSampleMinSize { get; } = Schema.Int("tile_sample_min_size", "spatial tile size in pixels");

    public static IntSetting TileLatentMinSize { get; } = Schema.Int("tile_latent_min_size", "spatial tile size in latent pixels");

    public static IntSetting TileSampleMinSizeT { get; } =
        Schema.Int("tile_sample_min_size_t", "temporal chunk length in frames", minimum: 2, meaning: "an integer of at least 2 (chunks share one frame)");

    public static IntSetting TileLatentMinSizeT { get; } =
        Schema.Int("tile_latent_min_size_t", "temporal chunk length in latent frames", minimum: 2, meaning: "an integer of at least 2 (chunks share one latent)");

    public static NumberSetting TileOverlapFactor { get; } = Schema.Number("tile_overlap_factor", "spatial tile overlap, in [0, 1)");
}
