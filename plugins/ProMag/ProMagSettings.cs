using VideoPipe.Plugins.Sdk;

namespace VideoPipe.Plugins.ProMag;

/// <summary>ProMAG's encode/decode settings, typed (keys: <see cref="ProMagSettingKeys"/>).</summary>
public sealed record ProMagSettings
{
    public static readonly ProMagSettings Defaults = new();

    /// <summary>Decode: layer-wise spatial tiles of this many output pixels per side; 0: untiled. The result equals untiled decoding.</summary>
    public int SpatialTile { get; init; }

    /// <summary>Reads and checks every key (an undeclared key or unreadable value throws, naming it).</summary>
    public static ProMagSettings Read(IReadOnlyDictionary<string, string> settings)
    {
        ProMagSettingKeys.Schema.Check(settings);
        return new ProMagSettings { SpatialTile = ProMagSettingKeys.SpatialTile.Read(settings) ?? Defaults.SpatialTile };
    }

    /// <summary>The settings dictionary that reads back as this record (defaults left out).</summary>
    public IReadOnlyDictionary<string, string> ToSettings() =>
        FamilySettings.Write(ProMagSettingKeys.SpatialTile.Entry(SpatialTile == Defaults.SpatialTile ? null : SpatialTile));
}
