using VideoPipe.Torch;

namespace VideoPipe.Plugins.Regen.Layers;

/// <summary>Sinusoidal features of the diffusion time (DiT convention: cos then sin) → Linear → SiLU → Linear.</summary>
public sealed class TimestepEmbedding : Module
{
    private readonly Linear fc1;
    private readonly Linear fc2;
    private readonly int frequencies;

    public TimestepEmbedding(int frequencies, long width)
    {
        this.frequencies = frequencies;
        fc1 = Child("fc1", new Linear(frequencies, width));
        fc2 = Child("fc2", new Linear(width, width));
    }

    /// <summary>Times [B] (timestep units, 0..1000) → [B, D].</summary>
    public Tensor Forward(Tensor times)
    {
        using var scope = DisposeScope.Enter();
        var half = frequencies / 2;
        var freqs = new double[half];
        for (var i = 0; i < half; i++)
        {
            freqs[i] = Math.Exp(-Math.Log(10000) * i / half);
        }

        var angles = times.Unsqueeze(1) * Tensor.FromArray(freqs, 1, half).To(times.DType, times.Device);
        var features = Tensor.Cat([angles.Cos(), angles.Sin()], 1).To(fc1.Weight.Value.DType);
        return scope.Keep(fc2.Forward(fc1.Forward(features).Silu()));
    }
}
