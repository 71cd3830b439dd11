using System.Numerics;
using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.Sdk;

namespace VideoPipe.Plugins.Regen;

/// <summary>
/// A REGEN model: causal 3-D encoder, latent conditioning module C_e and pixel-space DiT decoder
/// (docs/regen.md; every engineering choice the paper leaves open is a field here). JSON keys are snake_case.
/// </summary>
public sealed record RegenConfig
{
    public string Variant { get; init; } = "s";

    /// <summary>k: one chunk of 1+k frames maps to two latent frames (z_c, z_m).</summary>
    public int TemporalRatio { get; init; } = 8;

    public int LatentChannels { get; init; } = 8;

    // Encoder (MAGVIT-v2 layout)
    public int EncoderChannels { get; init; } = 64;
    public IReadOnlyList<int> ChannelMultipliers { get; init; } = [1, 2, 2, 4];
    public int ResBlocksPerLevel { get; init; } = 2;
    public int MidBlocks { get; init; } = 2;
    public int NormGroups { get; init; } = 32;

    /// <summary>Levels (0..L-2) whose spatial downsample also halves time; the rest of log2(k) are temporal-only blocks before the mid block.</summary>
    public IReadOnlyList<int>? TemporalDownsampleAt { get; init; }

    /// <summary>Diagonal-Gaussian posterior (mean and log-variance); false: a deterministic encoder.</summary>
    public bool GaussianPosterior { get; init; } = true;

    // Latent conditioning C_e
    public int FourierFrequencies { get; init; } = 8;
    public int SirenWidth { get; init; } = 128;
    public int SirenLayers { get; init; } = 3;
    public double SirenOmega0 { get; init; } = 30;
    public int ModulationHidden { get; init; } = 256;
    public SirenModulation Modulation { get; init; } = SirenModulation.Film;
    public FirstFrameMode FirstFrame { get; init; } = FirstFrameMode.SirenReplace;

    /// <summary>M_s: 1 = linear projector (paper), 2 = two-layer MLP.</summary>
    public int ProjectorLayers { get; init; } = 1;

    // DiT decoder
    public int Width { get; init; } = 384;
    public int Depth { get; init; } = 12;
    public int Heads { get; init; } = 6;
    public int PatchSize { get; init; } = 8;
    public int FfnMultiplier { get; init; } = 4;
    public NormPlacement NormPlacement { get; init; } = NormPlacement.PostBranch;
    public bool QkNorm { get; init; }

    /// <summary>Query rows per attention block (0: the binding's memory budget picks one).</summary>
    public int AttentionBlockRows { get; init; }

    public int TimeEmbeddingFrequencies { get; init; } = 256;

    // Diffusion
    public Prediction Prediction { get; init; } = Prediction.Velocity;
    public int NumTimesteps { get; init; } = 1000;
    public double BetaStart { get; init; } = 1e-4;
    public double BetaEnd { get; init; } = 2e-2;
    public int SampleSteps { get; init; } = 4;

    public int SpatialRatio => 1 << (ChannelMultipliers.Count - 1);

    public int TemporalDownsamples => BitOperations.Log2((uint)TemporalRatio);

    /// <summary>The levels whose downsample halves time (default: the spec's placement for k).</summary>
    public IReadOnlyList<int> TemporalLevels => TemporalDownsampleAt
        ?? Enumerable.Range(0, ChannelMultipliers.Count - 1).Reverse().Take(TemporalDownsamples).Reverse().ToList();

    /// <summary>Temporal-only downsample blocks before the mid block.</summary>
    public int ExtraTemporalDownsamples => TemporalDownsamples - TemporalLevels.Count;

    public int EncoderTopChannels => EncoderChannels * ChannelMultipliers[^1];

    public void Validate()
    {
        Require(TemporalRatio is >= 2 && BitOperations.IsPow2(TemporalRatio), "temporal_ratio", $"must be a power of two >= 2 (paper: 4, 8, 16, 32), got {TemporalRatio}");
        Require(ChannelMultipliers.Count >= 1 && ChannelMultipliers.All(m => m > 0), "channel_multipliers", "must be positive and non-empty");
        Require(TemporalLevels.All(l => l >= 0 && l < ChannelMultipliers.Count - 1) && TemporalLevels.Distinct().Count() == TemporalLevels.Count,
            "temporal_downsample_at", $"levels must be distinct and in 0..{ChannelMultipliers.Count - 2}");
        Require(ExtraTemporalDownsamples >= 0, "temporal_downsample_at", $"has {TemporalLevels.Count} levels, more than log2(k) = {TemporalDownsamples}");
        foreach (var (name, value) in new[]
                 {
                     ("latent_channels", LatentChannels), ("encoder_channels", EncoderChannels), ("res_blocks_per_level", ResBlocksPerLevel),
                     ("fourier_frequencies", FourierFrequencies), ("siren_width", SirenWidth), ("siren_layers", SirenLayers),
                     ("modulation_hidden", ModulationHidden), ("width", Width), ("depth", Depth), ("heads", Heads), ("patch_size", PatchSize),
                     ("ffn_multiplier", FfnMultiplier), ("num_timesteps", NumTimesteps), ("sample_steps", SampleSteps),
                     ("time_embedding_frequencies", TimeEmbeddingFrequencies),
                 })
        {
            Require(value > 0, name, $"must be positive, got {value}");
        }

        Require(MidBlocks >= 0 && AttentionBlockRows >= 0, "mid_blocks / attention_block_rows", "must not be negative");
        Require(ChannelMultipliers.All(m => EncoderChannels * m % NormGroups == 0), "norm_groups", $"{NormGroups} must divide every encoder width");
        Require(Width % Heads == 0, "heads", $"{Heads} must divide width {Width}");
        Require(TimeEmbeddingFrequencies % 2 == 0, "time_embedding_frequencies", "must be even");
        Require(ProjectorLayers is 1 or 2, "projector_layers", $"must be 1 (linear) or 2 (MLP), got {ProjectorLayers}");
        Require(SirenOmega0 > 0, "siren_omega0", "must be positive");
        Require(BetaStart > 0 && BetaEnd >= BetaStart && BetaEnd < 1, "beta_start / beta_end", "need 0 < start <= end < 1");
    }

    private static void Require(bool ok, string key, string reason)
    {
        if (!ok)
        {
            throw new ArgumentException($"REGEN config '{key}' {reason}");
        }
    }

    public string ToJson() => FamilyConfigJson.Write(this, RegenConfigJsonContext.Default);

    public static RegenConfig FromJson(JsonElement json)
    {
        var config = FamilyConfigJson.Read<RegenConfig>(json, "REGEN", RegenConfigJsonContext.Default);
        config.Validate();
        return config;
    }
}
