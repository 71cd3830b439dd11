using VideoPipe.Plugins.OdVae.Model;

namespace VideoPipe.Plugins.OdVae;

/// <summary>
/// Released and paper configurations. <c>odvae-v1.2</c> is the released v1.2 checkpoint's config (= variant 4).
/// The OD-VAE paper (arXiv 2409.01199, section 3.2) trades speed for quality by choosing which levels use 2D
/// (per-frame) instead of 3D causal blocks; its table could not be read here, so variants 1-3 are an assumption
/// (documented in docs/odvae.md): 1 = fully 3D encoder and decoder, 2 = 2D in the two outer levels of both encoder
/// and decoder, 3 = fully 3D encoder with 2D in the two outer decoder levels, 4 = 2D in the two outer encoder levels
/// (released). Samplers, widths and everything else stay as released; a fully 3D encoder starts with a causal conv
/// and down-samples level 0 with SpatialDownsample2x (same shapes, 3D keys).
/// </summary>
public static class OdVaePresets
{
    public const string V12 = "odvae-v1.2";

    public static readonly OdVaeConfig Released = new();

    private static readonly string[] Outer2D = [OdVaeBlockNames.ResnetBlock2D, OdVaeBlockNames.ResnetBlock2D, OdVaeBlockNames.ResnetBlock3D, OdVaeBlockNames.ResnetBlock3D];
    private static readonly string[] All3D = [OdVaeBlockNames.ResnetBlock3D, OdVaeBlockNames.ResnetBlock3D, OdVaeBlockNames.ResnetBlock3D, OdVaeBlockNames.ResnetBlock3D];

    private static readonly OdVaeConfig FullyCausalEncoder = Released with
    {
        EncoderConvIn = OdVaeBlockNames.CausalConv3d,
        EncoderResnetBlocks = All3D,
        EncoderSpatialDownsample = [OdVaeBlockNames.SpatialDownsample2x, OdVaeBlockNames.Spatial2xTime2x3DDownsample, OdVaeBlockNames.Spatial2xTime2x3DDownsample, ""],
    };

    private static readonly Dictionary<string, OdVaeConfig> All = new(StringComparer.OrdinalIgnoreCase)
    {
        [V12] = Released,
        ["odvae-variant1"] = FullyCausalEncoder,
        ["odvae-variant2"] = Released with { DecoderResnetBlocks = Outer2D },
        ["odvae-variant3"] = FullyCausalEncoder with { DecoderResnetBlocks = Outer2D },
        ["odvae-variant4"] = Released,
    };

    public static IReadOnlyList<string> Names { get; } = All.Keys.ToArray();

    public static OdVaeConfig Get(string name) =>
        All.TryGetValue(name, out var config)
            ? config
            : throw new ArgumentException($"unknown OD-VAE preset '{name}' (known: {string.Join(", ", All.Keys)})");
}
