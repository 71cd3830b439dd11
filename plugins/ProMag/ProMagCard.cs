using System.Globalization;
using VideoPipe.Abstractions;

namespace VideoPipe.Plugins.ProMag;

/// <summary>The tokenizer card of a ProMAG configuration.</summary>
public static class ProMagCard
{
    public const string Version = "0.1.0";

    /// <summary>The paper's chunk: 17 frames (1 + 16, so it follows the frame rule at 4x, 8x and 16x).</summary>
    public const int ChunkFrames = 17;

    /// <summary>Frames shared by consecutive chunks, blended linearly on decode (weights (i+1)/5 for the later chunk).</summary>
    public const int ChunkOverlapFrames = 4;

    public static TokenizerCard For(ProMagConfig config) => new()
    {
        Family = ProMagFamily.FamilyId,
        Variant = $"{config.Variant}-{config.TemporalRatio}x",
        Version = Version,
        TemporalCompression = config.TemporalRatio,
        SpatialCompression = config.SpatialRatio,
        FrameRule = new FrameRule(1, config.TemporalRatio),
        SpatialAlignment = config.SpatialRatio,
        LatentChannels = config.LatentChannels,
        Scaling = LatentScaling.None,
        ExactCausalStreaming = false,
        GenerativeDecode = false,
        DefaultTileFrames = ChunkFrames,
        DefaultTileOverlapFrames = ChunkOverlapFrames,
        BlendTileOverlap = true,
        Settings = ProMagSettingKeys.Schema.Declared,
        Notes = new Dictionary<string, string>
        {
            ["chunks"] = $"{ChunkFrames}-frame temporal tiles sharing {ChunkOverlapFrames} frames, blended linearly on decode (stitch overlap \"blend\"), or the same through the tokenizer's encode/decode sessions (one chunk in memory; not exact streaming)",
            ["growth"] = config.GrowthFactors.Count == 0 ? "base (stage I)" : $"{config.GrowthMode.ToString().ToLowerInvariant()} growth, factors {string.Join("x", config.GrowthFactors)}",
            ["norm"] = $"{config.Norm.ToString().ToLowerInvariant()}, {config.NormStatistics.ToString().ToLowerInvariant()} statistics, {config.NormGroups.ToString(CultureInfo.InvariantCulture)} groups",
            ["output_dtype"] = "float32",
        },
    };
}
