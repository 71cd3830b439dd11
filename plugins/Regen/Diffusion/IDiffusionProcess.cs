using VideoPipe.Torch;

namespace VideoPipe.Plugins.Regen.Diffusion;

/// <summary>
/// The noise process a REGEN decoder is trained and sampled with. Diffusion times are passed to the network in
/// timestep units (0..1000 for flow matching, the DDPM step index otherwise).
/// </summary>
public interface IDiffusionProcess
{
    /// <summary>Draws one diffusion time per sample (uniform) as a fraction in [0, 1] from <paramref name="generator"/>: [B] float32.</summary>
    Tensor SampleTimes(Generator generator, long batch);

    /// <summary>The training example at fractional times [B]: the noisy input, the regression target and the network's time input.</summary>
    TrainingExample Example(Tensor clean, Tensor noise, Tensor times);

    /// <summary>Runs <paramref name="steps"/> sampler steps from unit noise; <paramref name="network"/> maps (x_t, time input [B]) to its prediction.</summary>
    Tensor Sample(Func<Tensor, Tensor, Tensor> network, Tensor noise, int steps);
}
