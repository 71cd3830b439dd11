using System.Globalization;
using VideoPipe.Abstractions;

namespace VideoPipe.Plugins.Cdt;

/// <summary>The tokenizer card of a CDT configuration.</summary>
public static class CdtCard
{
    public const string Version = "0.1.0";

    public static TokenizerCard For(CdtConfig config) => new()
    {
        Family = CdtFamily.FamilyId,
        Variant = config.Variant,
        Version = Version,
        TemporalCompression = config.TimeFactor,
        SpatialCompression = config.SpaceFactor,
        FrameRule = new FrameRule(1, config.TimeFactor),
        SpatialAlignment = config.SpaceFactor,
        LatentChannels = config.LatentDim,

        // Upstream's load_cdt records latent_scale but encode/decode never apply it.
        Scaling = new LatentScaling(config.LatentScale, 0.0, AppliedInOutputs: false),
        ExactCausalStreaming = true,
        GenerativeDecode = true,
        Settings = CdtSettingKeys.Schema.Declared,
        Notes = new Dictionary<string, string>
        {
            ["latent"] = "posterior mean, unscaled (multiply by latent_scale yourself for latent diffusion)",
            ["decode_noise"] = "DecodeOptions.Seed required; one (B,3,tf,H,W) N(0,1) draw per latent frame in order from a CPU generator seeded with it; first tf-1 frames of latent frame 0 unused",
            ["sample_gamma"] = config.SampleGamma.ToString(CultureInfo.InvariantCulture),
            ["ddim_steps_default"] = config.SampleSteps.ToString(CultureInfo.InvariantCulture),
            ["num_timesteps"] = config.NumTimesteps.ToString(CultureInfo.InvariantCulture),
            ["pad_mode"] = config.NewUpsample ? "zeros" : "replicate",
            ["encode_chunk_rule"] = $"E = max(4, floor({config.EncFrames}*(1024/H)*(1024/W)/4)*4) frames, first chunk T mod E",
            ["decode_chunk_rule"] = $"D = max(1, floor({config.DecFrames}*(1024/{config.SpaceFactor}/h)*(1024/{config.SpaceFactor}/w))) latent frames",
            ["output_dtype"] = "float32",
        },
    };
}
