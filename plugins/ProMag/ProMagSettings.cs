using VideoPipe.Plugins.Sdk;

namespace VideoPipe.Plugins.ProMag;

/// <summary>The family-specific Settings keys of DecodeOptions.</summary>
public static class ProMagSettings
{
    /// <summary>Decode: layer-wise spatial tiles of this many output pixels per side (default 0: untiled). The result equals untiled decoding.</summary>
    public const string SpatialTile = "spatial_tile";

    public static int SpatialTileOrDefault(IReadOnlyDictionary<string, string> settings) =>
        FamilySettings.Int(settings, "ProMAG", SpatialTile, minimum: 0, meaning: "0 (untiled) or a positive number of pixels") ?? 0;

    /// <summary>Every key with what it does, as the card declares them.</summary>
    public static IReadOnlyDictionary<string, string> Declared { get; } = new Dictionary<string, string>
    {
        [SpatialTile] = "decode: layer-wise spatial tiles of this many output pixels per side (default 0: untiled; equals untiled decoding)",
    };
}
