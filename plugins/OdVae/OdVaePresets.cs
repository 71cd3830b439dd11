using VideoPipe.Plugins.OdVae.Model;

namespace VideoPipe.Plugins.OdVae;

/// <summary>
/// Released and paper configurations. <c>odvae-v1.2</c> is the released v1.2 checkpoint's config (= variant 4).
/// Variants 1-4 follow the OD-VAE paper's text (arXiv 2409.01199, section 3.2; spec odvae.md section 15), widths,
/// mid attention and temporal resamplers as released in all four:
/// 1 = every convolution 3D causal (SD-VAE inflated); 2 = variant 1 with conv1 of every ResNet block 2D (our reading
/// of "half", docs/odvae.md); 3 = 2D outer blocks in encoder and decoder (levels 0-1, with the encoder's conv_in and
/// the decoder's conv_out); 4 = 2D outer blocks in the encoder only (released). <c>odvae-tiny</c> is the shipped default model.
/// </summary>
public static class OdVaePresets
{
    public const string V12 = "odvae-v1.2";
    public const string Variant1 = "odvae-variant1";
    public const string Variant2 = "odvae-variant2";
    public const string Variant3 = "odvae-variant3";
    public const string Variant4 = "odvae-variant4";

    /// <summary>VideoPipe's own small model (models/odvae-tiny, trained by configs/train/odvae-tiny.json).</summary>
    public const string Tiny = "odvae-tiny";

    /// <summary>
    /// The image VAE of odvae-tiny's layout (tail initialization, paper section 3.3): every block and convolution
    /// 2D, the joint space-time resamplers replaced by their spatial counterparts (Downsample, SpatialUpsample2x),
    /// so 8x space and no time compression. Trained on single frames.
    /// </summary>
    public const string TinyImage = "odvae-tiny-image";

    public static readonly OdVaeConfig Released = new();

    private static readonly string[] Outer2D = [OdVaeBlockNames.ResnetBlock2D, OdVaeBlockNames.ResnetBlock2D, OdVaeBlockNames.ResnetBlock3D, OdVaeBlockNames.ResnetBlock3D];
    private static readonly string[] All3D = [OdVaeBlockNames.ResnetBlock3D, OdVaeBlockNames.ResnetBlock3D, OdVaeBlockNames.ResnetBlock3D, OdVaeBlockNames.ResnetBlock3D];
    private static readonly string[] All2D = [OdVaeBlockNames.ResnetBlock2D, OdVaeBlockNames.ResnetBlock2D, OdVaeBlockNames.ResnetBlock2D, OdVaeBlockNames.ResnetBlock2D];
    private static readonly string[] AllHalf2D = [OdVaeBlockNames.ResnetBlock2D3D, OdVaeBlockNames.ResnetBlock2D3D, OdVaeBlockNames.ResnetBlock2D3D, OdVaeBlockNames.ResnetBlock2D3D];

    /// <summary>
    /// The released decoder is already fully 3D; the encoder's 2D conv_in becomes causal 3D and its per-frame level-0
    /// down-sampler becomes SpatialDownsample2x (upstream's causal (1, 3, 3) stride (1, 2, 2) conv: same shapes, 3D keys).
    /// </summary>
    private static readonly OdVaeConfig FullyCausal = Released with
    {
        EncoderConvIn = OdVaeBlockNames.CausalConv3d,
        EncoderResnetBlocks = All3D,
        EncoderSpatialDownsample = [OdVaeBlockNames.SpatialDownsample2x, OdVaeBlockNames.Spatial2xTime2x3DDownsample, OdVaeBlockNames.Spatial2xTime2x3DDownsample, ""],
    };

    // The released layout (variant 4: 4x time, 8x space, 4 latent channels) at a quarter of the width with one ResNet
    // block per level and 8 GroupNorm groups: small enough to train on a CPU.
    private static readonly OdVaeConfig TinyLayout = Released with { HiddenSize = 32, HiddenSizeMult = [1, 1, 2, 2], NumResBlocks = 1, NormGroups = 8 };

    private static readonly Dictionary<string, OdVaeConfig> All = new(StringComparer.OrdinalIgnoreCase)
    {
        [V12] = Released,
        [Variant1] = FullyCausal,
        [Variant2] = FullyCausal with
        {
            EncoderResnetBlocks = AllHalf2D,
            EncoderMidResnet = OdVaeBlockNames.ResnetBlock2D3D,
            DecoderResnetBlocks = AllHalf2D,
            DecoderMidResnet = OdVaeBlockNames.ResnetBlock2D3D,
        },
        [Variant3] = Released with { DecoderResnetBlocks = Outer2D, DecoderConvOut = OdVaeBlockNames.Conv2d },
        [Variant4] = Released,
        [Tiny] = TinyLayout,
        [TinyImage] = TinyLayout with
        {
            EncoderResnetBlocks = All2D,
            EncoderSpatialDownsample = [OdVaeBlockNames.Downsample, OdVaeBlockNames.Downsample, OdVaeBlockNames.Downsample, ""],
            EncoderMidResnet = OdVaeBlockNames.ResnetBlock2D,
            EncoderConvOut = OdVaeBlockNames.Conv2d,
            DecoderConvIn = OdVaeBlockNames.Conv2d,
            DecoderResnetBlocks = All2D,
            DecoderSpatialUpsample = ["", OdVaeBlockNames.SpatialUpsample2x, OdVaeBlockNames.SpatialUpsample2x, OdVaeBlockNames.SpatialUpsample2x],
            DecoderMidResnet = OdVaeBlockNames.ResnetBlock2D,
            DecoderConvOut = OdVaeBlockNames.Conv2d,
        },
    };

    public static IReadOnlyList<string> Names { get; } = All.Keys.ToArray();

    /// <summary>The paper's variants 1-4 in order.</summary>
    public static IReadOnlyList<string> PaperVariants { get; } = [Variant1, Variant2, Variant3, Variant4];

    public static OdVaeConfig Get(string name) =>
        All.TryGetValue(name, out var config)
            ? config
            : throw new ArgumentException($"unknown OD-VAE preset '{name}' (known: {string.Join(", ", All.Keys)})");
}
