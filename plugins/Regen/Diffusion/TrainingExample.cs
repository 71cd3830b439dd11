using VideoPipe.Torch;

namespace VideoPipe.Plugins.Regen.Diffusion;

/// <summary>One denoising regression: the network sees <see cref="Noisy"/> at <see cref="TimeInput"/> and should output <see cref="Target"/>.</summary>
public sealed record TrainingExample(Tensor Noisy, Tensor Target, Tensor TimeInput) : IDisposable
{
    public void Dispose()
    {
        Noisy.Dispose();
        Target.Dispose();
        TimeInput.Dispose();
    }
}
