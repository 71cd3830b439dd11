using System.Globalization;
using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae;

/// <summary>The tokenizer card for an IV-VAE configuration.</summary>
internal static class IvVaeCard
{
    public static TokenizerCard For(IvVaeConfig config) => new()
    {
        Family = IvVaeFamily.FamilyId,
        Variant = config.Variant,
        Version = "ali-vilab/iv-vae@83c13636e7d6",
        TemporalCompression = 4,
        SpatialCompression = 1 << (config.Stages - 1),
        FrameRule = FrameRule.OnePlusFourK,
        SpatialAlignment = 1 << (config.Stages - 1),
        LatentChannels = config.ZDim,
        Scaling = new LatentScaling(config.ScaleFactor, config.ShiftFactor, AppliedInOutputs: true),
        ExactCausalStreaming = true,
        GenerativeDecode = false,
        SupportedDTypes = [DType.Float32, DType.BFloat16],
        Settings = IvVaeSettingKeys.Schema.Declared,
        Notes = new Dictionary<string, string>
        {
            ["config"] = config.Describe(),
            ["latent_layout"] = string.Create(CultureInfo.InvariantCulture, $"channels [0,{config.ZDim / 2}) keyframe branch, [{config.ZDim / 2},{config.ZDim}) temporal branch"),
            ["encode_default"] = "posterior mean (upstream always samples; pass Posterior=Sample with a seed for that)",
            ["frames"] = "encode rejects T != 1+4k (upstream silently drops trailing frames)",
            ["output_dtype"] = "float32 (bfloat16 models cast their outputs)",
            ["encode_session_chunks"] = "any size; frame 0 is encoded on arrival, later frames per complete 4-frame group",
            ["decode_session_chunks"] = "any size; every latent frame's video frames are returned at once",
        },
    };
}
