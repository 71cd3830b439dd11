using VideoPipe.Abstractions;
using VideoPipe.Plugins.OdVae.Model;
using VideoPipe.Plugins.OdVae.Tiling;

namespace VideoPipe.Plugins.OdVae;

/// <summary>Builds the tokenizer card of an OD-VAE config.</summary>
public static class OdVaeCard
{
    public const string Family = "odvae";

    /// <summary>CausalVAEModelWrapper's latent scale (v1.2); the model itself never scales.</summary>
    public const double ScalingFactor = 0.18215;

    public static TokenizerCard Describe(OdVaeConfig config)
    {
        var tiling = OdVaeTiling.UpstreamDefaults;
        var notes = new Dictionary<string, string>
        {
            ["upstream"] = "PKU-YuanGroup/Open-Sora-Plan v1.2.0 CausalVAEModel",
            ["scaling"] = "encode multiplies the latent (mean or sample) by 0.18215, decode divides first; logvar and moments are never scaled",
            ["tiling"] = "off by default (as upstream); settings 'tiling'=true and/or the five upstream tile_* keys turn it on",
            ["tiling_defaults"] = string.Join(", ", OdVaeSettings.From(tiling).ToSettings().Where(kv => kv.Key != OdVaeSettingKeys.Tiling.Name).Select(kv => $"{kv.Key}={kv.Value}")),
            ["temporal_tiles"] = "chunks of DefaultTileFrames frames sharing one frame; each chunk after the first drops its first latent",
            ["streaming"] = "no exact causal cache: GroupNorm pools statistics over all frames",
            ["output_dtype"] = "float32 (bfloat16 models compute in bfloat16 and return float32)",
        };
        return new TokenizerCard
        {
            Family = Family,
            Variant = config.Variant,
            Version = "v1.2.0",
            TemporalCompression = config.TemporalCompression,
            SpatialCompression = config.SpatialCompression,
            FrameRule = new FrameRule(1, config.TemporalCompression),
            SpatialAlignment = config.SpatialCompression,
            LatentChannels = config.UseQuantLayer ? config.EmbedDim : config.ZChannels,
            Scaling = new LatentScaling(ScalingFactor, 0.0, AppliedInOutputs: true),
            ExactCausalStreaming = false,
            GenerativeDecode = false,
            DefaultTileFrames = tiling.TileSampleMinSizeT,
            DefaultTileOverlapFrames = 1,
            Settings = OdVaeSettingKeys.Schema.Declared,
            Notes = notes,
        };
    }
}
