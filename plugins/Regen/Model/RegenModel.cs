using VideoPipe.Plugins.Regen.Layers;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Regen.Model;

/// <summary>Encoder E, conditioning C_e and DiT decoder, plus the chunk-level glue between them.</summary>
public sealed class RegenModel : Module
{
    public RegenModel(RegenConfig config)
    {
        config.Validate();
        Config = config;
        Encoder = Child("encoder", new RegenEncoder(config));
        Conditioning = Child("conditioning", new LatentConditioning(config));
        Decoder = Child("decoder", new DitDecoder(config));
    }

    public RegenConfig Config { get; }

    public RegenEncoder Encoder { get; }

    public LatentConditioning Conditioning { get; }

    public DitDecoder Decoder { get; }

    /// <summary>Where the weights live.</summary>
    public Device Device => Decoder.FinalLinear.Weight.Value.Device;

    /// <summary>
    /// Fresh weights: N(0, 0.02²) everywhere, then the spec's special initialisations (SIREN, zero modulation, blocks
    /// starting as the identity, zero final layer, unit group norms).
    /// </summary>
    public void Initialize(Generator generator)
    {
        InitializeRandom(generator);
        foreach (var (name, slot) in NamedTensors())
        {
            if (name.EndsWith(".bias", StringComparison.Ordinal))
            {
                slot.Value.Fill(0);
            }
            else if (name.Contains(".norm", StringComparison.Ordinal) || name.Contains("head_norm", StringComparison.Ordinal))
            {
                slot.Value.Fill(1);
            }
        }

        Conditioning.Siren.Initialize(generator);
        foreach (var block in Decoder.Blocks)
        {
            block.InitializeIdentity();
        }

        Decoder.FinalLinear.Weight.Value.Fill(0);
        Decoder.FinalLinear.Bias!.Value.Fill(0);
    }

    /// <summary>Posterior mean and log-variance (clamped to [-30, 20]) of moments; the log-variance is null without a Gaussian posterior.</summary>
    public (Tensor Mean, Tensor? LogVar) SplitMoments(Tensor moments)
    {
        if (!Config.GaussianPosterior)
        {
            return (moments.Clone(), null);
        }

        using var scope = DisposeScope.Enter();
        var c = Config.LatentChannels;
        var mean = moments.Narrow(1, 0, c).Contiguous();
        var logVar = moments.Narrow(1, c, c).Clamp(-30, 20);
        return (scope.Keep(mean), scope.Keep(logVar));
    }

    /// <summary>
    /// C_e for one chunk: latents [B, C, 1 or 2, h, w] (z_c, and z_m unless an image) for <paramref name="frames"/>
    /// output frames of <paramref name="height"/>x<paramref name="width"/>; an image uses z_m := z_c.
    /// </summary>
    public Tensor Condition(Tensor latents, long frames, long height, long width)
    {
        using var scope = DisposeScope.Enter();
        var content = latents.Select(2, 0);
        var motion = latents.Size(2) > 1 ? latents.Select(2, 1) : content;
        var grid = new[] { height / Config.PatchSize, width / Config.PatchSize };
        if (content.Size(2) != grid[0] || content.Size(3) != grid[1])
        {
            content = Functional.Interpolate(content, grid);
            motion = Functional.Interpolate(motion, grid);
        }

        var times = Tensor.Arange(0, frames, dtype: DType.Float32, device: latents.Device) / Config.TemporalRatio;
        return scope.Keep(Conditioning.Forward(content, motion, times));
    }
}
