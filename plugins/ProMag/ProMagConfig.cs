using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.Sdk;

namespace VideoPipe.Plugins.ProMag;

/// <summary>
/// A ProMAG model: a MAGVIT-v2-style causal 4x base tokenizer (encoder trunk, latent convs, decoder body) plus the
/// growth stages that take it to 8x and 16x (docs/promag.md; every engineering choice the paper leaves open is a
/// field here). JSON keys are snake_case.
/// </summary>
public sealed record ProMagConfig
{
    public string Variant { get; init; } = "s";

    /// <summary>k: 1 + k·n frames map to 1 + n latent frames. The base is 4x; 8x and 16x add growth stages.</summary>
    public int TemporalRatio { get; init; } = 4;

    public int LatentChannels { get; init; } = 16;

    // Base (Stage I) layout
    public int BaseChannels { get; init; } = 64;
    public IReadOnlyList<int> ChannelMultipliers { get; init; } = [1, 2, 2, 4];
    public int ResBlocksPerLevel { get; init; } = 2;
    public int MidBlocks { get; init; } = 2;

    /// <summary>Encoder levels whose downsample also halves time (default: the last two, so the base is 4x).</summary>
    public IReadOnlyList<int>? TemporalDownsampleAt { get; init; }

    public NormType Norm { get; init; } = NormType.GroupRms;
    public NormStatistics NormStatistics { get; init; } = NormStatistics.Frame;
    public int NormGroups { get; init; } = 32;
    public double NormEps { get; init; } = 1e-6;

    /// <summary>Ours, off as the spec says: every norm of the base decoder body scaled and shifted per channel and frame from the decoded latent's per-frame statistics (LatentModulation).</summary>
    public bool DecoderAdaptiveNorm { get; init; }

    // Growth stages
    public GrowthMode GrowthMode { get; init; } = GrowthMode.Recursive;
    public MixModulation MixModulation { get; init; } = MixModulation.PerPosition;
    public int GrowthResBlocks { get; init; } = 1;

    /// <summary>Train only the newest growth stage (the paper's Stages II and III); false trains everything (direct training, Stage II-b).</summary>
    public bool FreezeBase { get; init; } = true;

    /// <summary>
    /// Stage I keeps its encoder frozen (the spec's optional FrozenImageEncoder): start the 4x base from an image model
    /// (train.json model.init_from, Loading/ProMagInflation) and train the rest. Ignored by grown models.
    /// </summary>
    public bool FreezeImageEncoder { get; init; }

    [JsonIgnore]
    public int SpatialRatio => 1 << (ChannelMultipliers.Count - 1);

    /// <summary>The levels whose downsample halves time.</summary>
    [JsonIgnore]
    public IReadOnlyList<int> TemporalLevels => TemporalDownsampleAt ?? [.. Enumerable.Range(0, ChannelMultipliers.Count - 1).TakeLast(2)];

    [JsonIgnore]
    public int BaseTemporalRatio => 1 << TemporalLevels.Count;

    [JsonIgnore]
    public int TopChannels => BaseChannels * ChannelMultipliers[^1];

    /// <summary>The subsampling factor of each growth stage, base first: [2, 2] for 16x recursive, [4] from the base.</summary>
    [JsonIgnore]
    public IReadOnlyList<int> GrowthFactors
    {
        get
        {
            var growth = TemporalRatio / BaseTemporalRatio;
            if (growth <= 1)
            {
                return [];
            }

            return GrowthMode == GrowthMode.FromBase ? [growth] : [.. Enumerable.Repeat(2, BitOperations.Log2((uint)growth))];
        }
    }

    /// <summary>The config of the model one growth stage smaller (the 4x base of an 8x model), which a growth starts from.</summary>
    public ProMagConfig Smaller() => GrowthFactors.Count == 0
        ? throw new InvalidOperationException($"a {TemporalRatio}x ProMAG has no smaller model")
        : this with { TemporalRatio = TemporalRatio / GrowthFactors[^1] };

    public void Validate()
    {
        Require(ChannelMultipliers.Count >= 1 && ChannelMultipliers.All(m => m > 0), "channel_multipliers", "must be positive and non-empty");
        Require(TemporalLevels.All(l => l >= 0 && l < ChannelMultipliers.Count - 1) && TemporalLevels.Distinct().Count() == TemporalLevels.Count,
            "temporal_downsample_at", $"levels must be distinct and in 0..{ChannelMultipliers.Count - 2}");
        Require(TemporalRatio >= BaseTemporalRatio && BitOperations.IsPow2(TemporalRatio), "temporal_ratio",
            $"must be a power of two >= the base's {BaseTemporalRatio} (paper: 4, 8, 16), got {TemporalRatio}");
        foreach (var (name, value) in new[]
                 {
                     ("latent_channels", LatentChannels), ("base_channels", BaseChannels), ("res_blocks_per_level", ResBlocksPerLevel),
                     ("norm_groups", NormGroups),
                 })
        {
            Require(value > 0, name, $"must be positive, got {value}");
        }

        Require(MidBlocks >= 0 && GrowthResBlocks >= 0, "mid_blocks / growth_res_blocks", "must not be negative");
        Require(ChannelMultipliers.All(m => BaseChannels * m % NormGroups == 0), "norm_groups", $"{NormGroups} must divide every width");
        Require(NormEps > 0, "norm_eps", "must be positive");
    }

    private static void Require(bool ok, string key, string reason)
    {
        if (!ok)
        {
            throw new ArgumentException($"ProMAG config '{key}' {reason}");
        }
    }

    public string ToJson() => FamilyConfigJson.Write(this, ProMagConfigJsonContext.Default);

    public static ProMagConfig FromJson(JsonElement json)
    {
        var config = FamilyConfigJson.Read<ProMagConfig>(json, "ProMAG", ProMagConfigJsonContext.Default);
        config.Validate();
        return config;
    }
}
