using VideoPipe.Plugins.Sdk;

namespace VideoPipe.Plugins.ProMag;

/// <summary>The settings ProMAG declares on its card; <see cref="ProMagSettings"/> is what its code reads them into.</summary>
public static class ProMagSettingKeys
{
    public static FamilySettings Schema { get; } = new("ProMAG");

    public static IntSetting SpatialTile { get; } = Schema.Int(
        "spatial_tile",
        "decode: layer-wise spatial tiles of this many output pixels per side (default 0: untiled; equals untiled decoding)",
        minimum: 0,
        meaning: "0 (untiled) or a positive number of pixels");
}
