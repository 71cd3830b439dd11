using System.Text.Json;
using VideoPipe.Plugins.OdVae.Model;

namespace VideoPipe.Plugins.OdVae;

/// <summary>
/// The upstream CausalVAEModel constructor configuration (Open-Sora-Plan v1.2.0), keys as upstream names them.
/// Unknown keys (e.g. "_class_name", "_diffusers_version") are ignored; missing keys take upstream defaults of the
/// released v1.2 config.
/// </summary>
public sealed record OdVaeConfig
{
    public int HiddenSize { get; init; } = 128;
    public int ZChannels { get; init; } = 4;
    public IReadOnlyList<int> HiddenSizeMult { get; init; } = [1, 2, 4, 4];
    public IReadOnlyList<int> AttnResolutions { get; init; } = [];
    public double Dropout { get; init; }
    public int Resolution { get; init; } = 256;
    public bool DoubleZ { get; init; } = true;
    public int EmbedDim { get; init; } = 4;
    public int NumResBlocks { get; init; } = 2;
    public string QConv { get; init; } = "CausalConv3d";
    public string EncoderConvIn { get; init; } = "Conv2d";
    public string EncoderConvOut { get; init; } = "CausalConv3d";
    public string EncoderAttention { get; init; } = "AttnBlock3DFix";
    public IReadOnlyList<string> EncoderResnetBlocks { get; init; } = ["ResnetBlock2D", "ResnetBlock2D", "ResnetBlock3D", "ResnetBlock3D"];
    public IReadOnlyList<string> EncoderSpatialDownsample { get; init; } = ["Downsample", "Spatial2xTime2x3DDownsample", "Spatial2xTime2x3DDownsample", ""];
    public IReadOnlyList<string> EncoderTemporalDownsample { get; init; } = ["", "", "", ""];
    public string EncoderMidResnet { get; init; } = "ResnetBlock3D";
    public string DecoderConvIn { get; init; } = "CausalConv3d";
    public string DecoderConvOut { get; init; } = "CausalConv3d";
    public string DecoderAttention { get; init; } = "AttnBlock3DFix";
    public IReadOnlyList<string> DecoderResnetBlocks { get; init; } = ["ResnetBlock3D", "ResnetBlock3D", "ResnetBlock3D", "ResnetBlock3D"];
    public IReadOnlyList<string> DecoderSpatialUpsample { get; init; } = ["", "SpatialUpsample2x", "Spatial2xTime2x3DUpsample", "Spatial2xTime2x3DUpsample"];
    public IReadOnlyList<string> DecoderTemporalUpsample { get; init; } = ["", "", "", ""];
    public string DecoderMidResnet { get; init; } = "ResnetBlock3D";
    public bool UseQuantLayer { get; init; } = true;

    /// <summary>
    /// GroupNorm groups of every Normalize (upstream hard-codes 32; a VideoPipe extension, written to JSON only when
    /// it differs). Narrow models need fewer: at 32 channels, 32 groups is a per-channel instance norm that removes
    /// each channel's level over the clip, and a small model then struggles to carry colour and brightness.
    /// </summary>
    public int NormGroups { get; init; } = OdVaeBlockNames.NormGroups;

    /// <summary>What the card calls this architecture: a preset's or checkpoint folder's name, else "custom" (never written to JSON).</summary>
    public string Variant { get; init; } = "custom";

    public int Levels => HiddenSizeMult.Count;

    public int LevelChannels(int level) => HiddenSize * HiddenSizeMult[level];

    /// <summary>Temporal compression: every joint space-time down-sampler halves (causally) the frame count.</summary>
    public int TemporalCompression => 1 << EncoderSpatialDownsample.Count(n => n == OdVaeBlockNames.Spatial2xTime2x3DDownsample);

    public int SpatialCompression => 1 << EncoderSpatialDownsample.Count(n => n.Length > 0);

    public static OdVaeConfig FromJson(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"an OD-VAE config must be a JSON object, got {json.ValueKind}");
        }

        var c = new OdVaeConfig();
        foreach (var p in json.EnumerateObject())
        {
            var v = p.Value;
            c = p.Name switch
            {
                "hidden_size" => c with { HiddenSize = v.GetInt32() },
                "z_channels" => c with { ZChannels = v.GetInt32() },
                "hidden_size_mult" => c with { HiddenSizeMult = Ints(v) },
                "attn_resolutions" => c with { AttnResolutions = Ints(v) },
                "dropout" => c with { Dropout = v.GetDouble() },
                "resolution" => c with { Resolution = v.GetInt32() },
                "double_z" => c with { DoubleZ = v.GetBoolean() },
                "embed_dim" => c with { EmbedDim = v.GetInt32() },
                "num_res_blocks" => c with { NumResBlocks = v.GetInt32() },
                "q_conv" => c with { QConv = v.GetString() ?? "" },
                "encoder_conv_in" => c with { EncoderConvIn = v.GetString() ?? "" },
                "encoder_conv_out" => c with { EncoderConvOut = v.GetString() ?? "" },
                "encoder_attention" => c with { EncoderAttention = v.GetString() ?? "" },
                "encoder_resnet_blocks" => c with { EncoderResnetBlocks = Strings(v) },
                "encoder_spatial_downsample" => c with { EncoderSpatialDownsample = Strings(v) },
                "encoder_temporal_downsample" => c with { EncoderTemporalDownsample = Strings(v) },
                "encoder_mid_resnet" => c with { EncoderMidResnet = v.GetString() ?? "" },
                "decoder_conv_in" => c with { DecoderConvIn = v.GetString() ?? "" },
                "decoder_conv_out" => c with { DecoderConvOut = v.GetString() ?? "" },
                "decoder_attention" => c with { DecoderAttention = v.GetString() ?? "" },
                "decoder_resnet_blocks" => c with { DecoderResnetBlocks = Strings(v) },
                "decoder_spatial_upsample" => c with { DecoderSpatialUpsample = Strings(v) },
                "decoder_temporal_upsample" => c with { DecoderTemporalUpsample = Strings(v) },
                "decoder_mid_resnet" => c with { DecoderMidResnet = v.GetString() ?? "" },
                "use_quant_layer" => c with { UseQuantLayer = v.GetBoolean() },
                "norm_groups" => c with { NormGroups = v.GetInt32() },
                _ => c,
            };
        }

        c.Validate();
        return c;
    }

    /// <summary>The config in upstream key names (what a Hugging Face config.json holds).</summary>
    public string ToJson()
    {
        var map = new Dictionary<string, object>
        {
            ["_class_name"] = "CausalVAEModel",
            ["hidden_size"] = HiddenSize,
            ["z_channels"] = ZChannels,
            ["hidden_size_mult"] = HiddenSizeMult,
            ["attn_resolutions"] = AttnResolutions,
            ["dropout"] = Dropout,
            ["resolution"] = Resolution,
            ["double_z"] = DoubleZ,
            ["embed_dim"] = EmbedDim,
            ["num_res_blocks"] = NumResBlocks,
            ["q_conv"] = QConv,
            ["encoder_conv_in"] = EncoderConvIn,
            ["encoder_conv_out"] = EncoderConvOut,
            ["encoder_attention"] = EncoderAttention,
            ["encoder_resnet_blocks"] = EncoderResnetBlocks,
            ["encoder_spatial_downsample"] = EncoderSpatialDownsample,
            ["encoder_temporal_downsample"] = EncoderTemporalDownsample,
            ["encoder_mid_resnet"] = EncoderMidResnet,
            ["decoder_conv_in"] = DecoderConvIn,
            ["decoder_conv_out"] = DecoderConvOut,
            ["decoder_attention"] = DecoderAttention,
            ["decoder_resnet_blocks"] = DecoderResnetBlocks,
            ["decoder_spatial_upsample"] = DecoderSpatialUpsample,
            ["decoder_temporal_upsample"] = DecoderTemporalUpsample,
            ["decoder_mid_resnet"] = DecoderMidResnet,
            ["use_quant_layer"] = UseQuantLayer,
        };
        if (NormGroups != OdVaeBlockNames.NormGroups)
        {
            map["norm_groups"] = NormGroups;
        }

        return JsonSerializer.Serialize(map, new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Rejects configs this port cannot build exactly, naming the offending key.</summary>
    public void Validate()
    {
        if (HiddenSize <= 0 || Levels == 0 || NumResBlocks <= 0 || ZChannels <= 0 || EmbedDim <= 0)
        {
            throw new ArgumentException("OD-VAE config: hidden_size, hidden_size_mult, num_res_blocks, z_channels and embed_dim must be positive");
        }

        RequireLength("encoder_resnet_blocks", EncoderResnetBlocks);
        RequireLength("encoder_spatial_downsample", EncoderSpatialDownsample);
        RequireLength("encoder_temporal_downsample", EncoderTemporalDownsample);
        RequireLength("decoder_resnet_blocks", DecoderResnetBlocks);
        RequireLength("decoder_spatial_upsample", DecoderSpatialUpsample);
        RequireLength("decoder_temporal_upsample", DecoderTemporalUpsample);

        for (var i = 0; i < Levels; i++)
        {
            if (NormGroups <= 0 || LevelChannels(i) % NormGroups != 0)
            {
                throw new ArgumentException($"OD-VAE config: level {i} has {LevelChannels(i)} channels, not a multiple of the {NormGroups} GroupNorm groups (norm_groups)");
            }
        }

        OdVaeBlockNames.RequireKnown("encoder_resnet_blocks", EncoderResnetBlocks, OdVaeBlockNames.ResnetBlocks);
        OdVaeBlockNames.RequireKnown("decoder_resnet_blocks", DecoderResnetBlocks, OdVaeBlockNames.ResnetBlocks);
        OdVaeBlockNames.RequireKnown("encoder_mid_resnet", [EncoderMidResnet], OdVaeBlockNames.ResnetBlocks);
        OdVaeBlockNames.RequireKnown("decoder_mid_resnet", [DecoderMidResnet], OdVaeBlockNames.ResnetBlocks);
        OdVaeBlockNames.RequireKnown("encoder_spatial_downsample", EncoderSpatialDownsample, OdVaeBlockNames.Downsamplers);
        OdVaeBlockNames.RequireKnown("decoder_spatial_upsample", DecoderSpatialUpsample, OdVaeBlockNames.Upsamplers);
        OdVaeBlockNames.RequireKnown("encoder_temporal_downsample", EncoderTemporalDownsample, [""]);
        OdVaeBlockNames.RequireKnown("decoder_temporal_upsample", DecoderTemporalUpsample, [""]);
        OdVaeBlockNames.RequireKnown("encoder_attention", [EncoderAttention], OdVaeBlockNames.Attentions);
        OdVaeBlockNames.RequireKnown("decoder_attention", [DecoderAttention], OdVaeBlockNames.Attentions);
        OdVaeBlockNames.RequireKnown("encoder_conv_in", [EncoderConvIn], OdVaeBlockNames.Convs);
        OdVaeBlockNames.RequireKnown("encoder_conv_out", [EncoderConvOut], OdVaeBlockNames.Convs);
        OdVaeBlockNames.RequireKnown("decoder_conv_in", [DecoderConvIn], OdVaeBlockNames.Convs);
        OdVaeBlockNames.RequireKnown("decoder_conv_out", [DecoderConvOut], OdVaeBlockNames.Convs);
        OdVaeBlockNames.RequireKnown("q_conv", [QConv], [OdVaeBlockNames.CausalConv3d]);
    }

    private void RequireLength(string key, IReadOnlyList<string> list)
    {
        if (list.Count != Levels)
        {
            throw new ArgumentException($"OD-VAE config: {key} has {list.Count} entries but hidden_size_mult has {Levels} levels");
        }
    }

    private static int[] Ints(JsonElement v) => v.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    private static string[] Strings(JsonElement v) => v.EnumerateArray().Select(e => e.GetString() ?? "").ToArray();
}
