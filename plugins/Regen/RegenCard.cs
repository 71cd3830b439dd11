using System.Globalization;
using VideoPipe.Abstractions;

namespace VideoPipe.Plugins.Regen;

/// <summary>The tokenizer card of a REGEN configuration.</summary>
public static class RegenCard
{
    public const string Version = "0.1.0";

    public static TokenizerCard For(RegenConfig config) => new()
    {
        Family = RegenFamily.FamilyId,
        Variant = config.Variant,
        Version = Version,
        TemporalCompression = config.TemporalRatio,
        SpatialCompression = config.SpatialRatio,
        FrameRule = new FrameRule(1, config.TemporalRatio),
        SpatialAlignment = (int)Lcm(config.SpatialRatio, config.PatchSize),
        LatentChannels = config.LatentChannels,
        Scaling = LatentScaling.None,
        ExactCausalStreaming = true,
        GenerativeDecode = config.Prediction != Prediction.Deterministic,
        Settings = RegenSettingKeys.Schema.Declared,
        Notes = new Dictionary<string, string>
        {
            ["chunk"] = $"1+{config.TemporalRatio} frames -> 2 latent frames (z_c, z_m); later chunks share their first frame with the previous chunk and add one motion latent",
            ["latent"] = "latent 0 = posterior mean of frame 0 alone (z_c); latent n = z_m of frames (n-1)k..nk; a tail short of k frames is padded by repeating the last frame",
            ["decode"] = (config.Prediction == Prediction.Deterministic
                ? "deterministic (one DiT pass, no noise)"
                : "generative: DecodeOptions.Seed required") + "; content of chunk n > 1 = the encoder's z_c of the previous chunk's last decoded frame",
            ["decode_noise"] = config.Prediction == Prediction.Deterministic
                ? "none"
                : "one (B,3,1+k,H,W) N(0,1) float32 draw per chunk, in order, from a CPU generator seeded with DecodeOptions.Seed",
            ["prediction"] = config.Prediction.ToString().ToLowerInvariant(),
            ["sampler"] = config.Prediction switch { Prediction.Velocity => "euler", Prediction.Deterministic => "none (one pass)", _ => "ddim" },
            ["sample_steps_default"] = config.SampleSteps.ToString(CultureInfo.InvariantCulture),
            ["output_dtype"] = "float32",
        },
    };

    private static long Lcm(long a, long b)
    {
        var (x, y) = (a, b);
        while (y != 0)
        {
            (x, y) = (y, x % y);
        }

        return a / x * b;
    }
}
