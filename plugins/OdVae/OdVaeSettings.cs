using VideoPipe.Plugins.Sdk;
using VideoPipe.Plugins.OdVae.Tiling;

namespace VideoPipe.Plugins.OdVae;

/// <summary>
/// OD-VAE's encode/decode settings, typed (keys: <see cref="OdVaeSettingKeys"/>): whether to tile, and any of the five
/// upstream tiling attributes to override. <see cref="Resolve"/> turns them into the tiling one call uses.
/// </summary>
public sealed record OdVaeSettings
{
    public static readonly OdVaeSettings Defaults = new();

    /// <summary>Force tiling on or off for the call; null: on when any tile value is given, else the tokenizer's own.</summary>
    public bool? Tiling { get; init; }

    public int? TileSampleMinSize { get; init; }

    public int? TileLatentMinSize { get; init; }

    public int? TileSampleMinSizeT { get; init; }

    public int? TileLatentMinSizeT { get; init; }

    public double? TileOverlapFactor { get; init; }

    private bool HasTileValues =>
        TileSampleMinSize is not null || TileLatentMinSize is not null || TileSampleMinSizeT is not null || TileLatentMinSizeT is not null || TileOverlapFactor is not null;

    /// <summary>Tiling on with every attribute of <paramref name="tiling"/>.</summary>
    public static OdVaeSettings From(OdVaeTiling tiling) => new()
    {
        Tiling = true,
        TileSampleMinSize = tiling.TileSampleMinSize,
        TileLatentMinSize = tiling.TileLatentMinSize,
        TileSampleMinSizeT = tiling.TileSampleMinSizeT,
        TileLatentMinSizeT = tiling.TileLatentMinSizeT,
        TileOverlapFactor = tiling.TileOverlapFactor,
    };

    /// <summary>Reads and checks every key (an undeclared key or unreadable value throws, naming it).</summary>
    public static OdVaeSettings Read(IReadOnlyDictionary<string, string> settings)
    {
        OdVaeSettingKeys.Schema.Check(settings);
        return new OdVaeSettings
        {
            Tiling = OdVaeSettingKeys.Tiling.Read(settings),
            TileSampleMinSize = OdVaeSettingKeys.TileSampleMinSize.Read(settings),
            TileLatentMinSize = OdVaeSettingKeys.TileLatentMinSize.Read(settings),
            TileSampleMinSizeT = OdVaeSettingKeys.TileSampleMinSizeT.Read(settings),
            TileLatentMinSizeT = OdVaeSettingKeys.TileLatentMinSizeT.Read(settings),
            TileOverlapFactor = OdVaeSettingKeys.TileOverlapFactor.Read(settings),
        };
    }

    /// <summary>
    /// The tiling of one call: none when <see cref="Tiling"/> is false; otherwise, when tiling is asked for or a tile
    /// value is given, <paramref name="configured"/> (or upstream's defaults) with these values over it; else
    /// <paramref name="configured"/> as it is.
    /// </summary>
    public OdVaeTiling? Resolve(OdVaeTiling? configured)
    {
        if (Tiling == false)
        {
            return null;
        }

        if (Tiling is null && !HasTileValues)
        {
            return configured;
        }

        var baseTiling = configured ?? OdVaeTiling.UpstreamDefaults;
        var tiling = baseTiling with
        {
            TileSampleMinSize = TileSampleMinSize ?? baseTiling.TileSampleMinSize,
            TileLatentMinSize = TileLatentMinSize ?? baseTiling.TileLatentMinSize,
            TileSampleMinSizeT = TileSampleMinSizeT ?? baseTiling.TileSampleMinSizeT,
            TileLatentMinSizeT = TileLatentMinSizeT ?? baseTiling.TileLatentMinSizeT,
            TileOverlapFactor = TileOverlapFactor ?? baseTiling.TileOverlapFactor,
        };
        tiling.Validate();
        return tiling;
    }

    /// <summary>The settings dictionary that reads back as this record (unset values left out).</summary>
    public IReadOnlyDictionary<string, string> ToSettings() => FamilySettings.Write(
        OdVaeSettingKeys.Tiling.Entry(Tiling),
        OdVaeSettingKeys.TileSampleMinSize.Entry(TileSampleMinSize),
        OdVaeSettingKeys.TileLatentMinSize.Entry(TileLatentMinSize),
        OdVaeSettingKeys.TileSampleMinSizeT.Entry(TileSampleMinSizeT),
        OdVaeSettingKeys.TileLatentMinSizeT.Entry(TileLatentMinSizeT),
        OdVaeSettingKeys.TileOverlapFactor.Entry(TileOverlapFactor));
}
