using VideoPipe.Torch;

namespace VideoPipe.Plugins.Regen.Diffusion;

/// <summary>
/// Discrete DDPM (linear betas) trained to predict ε or x0, sampled with deterministic DDIM (η = 0) on "trailing"
/// timesteps so the first step starts at the last timestep; the x0 estimate is clipped to [−1, 1] at every step.
/// </summary>
public sealed class DdpmProcess : IDiffusionProcess
{
    private readonly double[] alphaBar;
    private readonly Prediction prediction;

    public DdpmProcess(int timesteps, double betaStart, double betaEnd, Prediction prediction)
    {
        if (prediction is not (Prediction.Epsilon or Prediction.X0))
        {
            throw new ArgumentException($"{prediction} prediction does not use the DDPM process");
        }

        this.prediction = prediction;
        alphaBar = new double[timesteps];
        var product = 1.0;
        for (var i = 0; i < timesteps; i++)
        {
            var beta = timesteps == 1 ? betaStart : betaStart + (betaEnd - betaStart) * i / (timesteps - 1);
            product *= 1 - beta;
            alphaBar[i] = product;
        }
    }

    public IReadOnlyList<double> AlphaBar => alphaBar;

    /// <summary>The timesteps a DDIM run of <paramref name="steps"/> visits, first to last (trailing spacing).</summary>
    public IReadOnlyList<int> Timesteps(int steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        var count = alphaBar.Length;
        return Enumerable.Range(0, steps).Select(i => (int)Math.Round(count - (double)i * count / steps) - 1).ToList();
    }

    public Tensor SampleTimes(Generator generator, long batch) => Tensor.Rand(generator, [batch]);

    public TrainingExample Example(Tensor clean, Tensor noise, Tensor times)
    {
        using var scope = DisposeScope.Enter();
        var index = (times.To(DType.Float64) * alphaBar.Length).Floor().Clamp(0, alphaBar.Length - 1);
        var table = Tensor.FromArray(alphaBar, alphaBar.Length);
        var ab = FlowMatching.Broadcastable(table.IndexSelect(0, index.To(DType.Int64)).To(clean.DType, clean.Device), clean.Dim);
        var noisy = clean * ab.Sqrt() + noise * (1.0 - ab).Sqrt();
        var target = prediction == Prediction.Epsilon ? noise : clean;
        return new TrainingExample(scope.Keep(noisy), scope.Keep(target.Clone()), scope.Keep(index.To(DType.Float32, clean.Device)));
    }

    public Tensor Sample(Func<Tensor, Tensor, Tensor> network, Tensor noise, int steps)
    {
        using var scope = DisposeScope.Enter();
        var timesteps = Timesteps(steps);
        var x = noise;
        for (var i = 0; i < timesteps.Count; i++)
        {
            using var step = DisposeScope.Enter();
            var t = timesteps[i];
            var time = Tensor.Full([noise.Size(0)], t, DType.Float32, noise.Device);
            x = step.Keep(Step(network(x, time), x, t, i + 1 < timesteps.Count ? timesteps[i + 1] : -1));
        }

        return scope.Keep(x.Clamp(-1, 1));
    }

    /// <summary>One DDIM (η = 0) update from timestep <paramref name="t"/> to <paramref name="previous"/> (−1: the clean sample).</summary>
    public Tensor Step(Tensor output, Tensor x, int t, int previous)
    {
        using var scope = DisposeScope.Enter();
        var ab = alphaBar[t];
        var abPrev = previous < 0 ? 1.0 : alphaBar[previous];
        var x0 = prediction == Prediction.X0 ? output : (x - output * Math.Sqrt(1 - ab)) / Math.Sqrt(ab);
        x0 = x0.Clamp(-1, 1);
        var eps = (x - x0 * Math.Sqrt(ab)) / Math.Sqrt(1 - ab);
        return scope.Keep(x0 * Math.Sqrt(abPrev) + eps * Math.Sqrt(1 - abPrev));
    }
}
