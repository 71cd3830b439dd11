using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Model;

/// <summary>
/// The whole ConditionedDiffusionTokenizer state dict: <c>model.denoise_fn.*</c> (UNet) and
/// <c>model.context_fn.*</c> (encoder + condition decoder). GaussianDiffusion itself holds no tensors: the
/// noise schedule is recomputed (see <see cref="Diffusion.NoiseSchedule"/>).
/// </summary>
public sealed class CdtModel : Module
{
    public CdtModel(CdtConfig config)
    {
        config.Validate();
        Config = config;
        var diffusion = Child("model", new ModuleDict());
        Unet = diffusion.Add("denoise_fn", new DiffusionUnet(config));
        Context = diffusion.Add("context_fn", new ContextNetwork(config));
    }

    public CdtConfig Config { get; }

    public DiffusionUnet Unet { get; }

    public ContextNetwork Context { get; }

    /// <summary>
    /// Casts the model to <paramref name="dtype"/> except the layers upstream always runs in float32 (the
    /// quant/post-quant heads and the time MLP).
    /// </summary>
    /// <summary>Modules upstream keeps in float32 whatever the model dtype.</summary>
    public IEnumerable<Module> Float32Modules => Context.Float32Modules.Concat(Unet.Float32Modules);
}
