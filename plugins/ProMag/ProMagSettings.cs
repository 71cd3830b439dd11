using System.Globalization;

namespace VideoPipe.Plugins.ProMag;

/// <summary>The family-specific Settings keys of DecodeOptions.</summary>
public static class ProMagSettings
{
    /// <summary>Decode: layer-wise spatial tiles of this many output pixels per side (default 0: untiled). The result equals untiled decoding.</summary>
    public const string SpatialTile = "spatial_tile";

    public static int SpatialTileOrDefault(IReadOnlyDictionary<string, string> settings)
    {
        if (!settings.TryGetValue(SpatialTile, out var text))
        {
            return 0;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0
            ? v
            : throw new ArgumentException($"ProMAG setting '{SpatialTile}' must be 0 (untiled) or a positive number of pixels, got '{text}'");
    }
}
