using VideoPipe.Abstractions;
using VideoPipe.Plugins.Sdk;

namespace VideoPipe.Plugins.Template;

/// <summary>What the host validates pipelines against before any work starts.</summary>
public static class TemplateCard
{
    public const string Version = "0.1.0";

    /// <summary>
    /// The encode/decode settings the family reads (none yet). Declare each key here (<c>SettingKeys.Int(...)</c>) and
    /// read them into a typed settings record, as plugins/Cdt/CdtSettings.cs does.
    /// </summary>
    public static FamilySettings SettingKeys { get; } = new(TemplateFamily.FamilyId);

    public static TokenizerCard For(TemplateConfig config) => new()
    {
        Family = TemplateFamily.FamilyId,
        Variant = config.Variant,
        Version = Version,
        TemporalCompression = 1,
        SpatialCompression = config.SpatialRatio,
        FrameRule = new FrameRule(1, 1),
        SpatialAlignment = config.SpatialRatio,
        LatentChannels = config.LatentChannels,
        Scaling = LatentScaling.None,
        // frames are independent, so any temporal tiling is exact; the host's tiles keep memory bounded
        ExactCausalStreaming = false,
        GenerativeDecode = false,
        DefaultTileFrames = 16,
        DefaultTileOverlapFrames = 0,
        Settings = SettingKeys.Declared,
        Notes = new Dictionary<string, string> { ["model"] = $"per-frame {config.PatchSize}x{config.PatchSize} patch autoencoder", ["output_dtype"] = "float32" },
    };
}
