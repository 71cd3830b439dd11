using VideoPipe.Torch;

namespace VideoPipe.Plugins.Regen.Diffusion;

/// <summary>
/// Rectified flow: x_t = (1−t)·x0 + t·ε, the network predicts the velocity ε − x0, and Euler steps from t = 1 to 0
/// on a uniform grid (one step: x0 = ε − v(ε, 1)).
/// </summary>
public sealed class FlowMatching : IDiffusionProcess
{
    /// <summary>Network time input = t · this.</summary>
    public const double TimeScale = 1000;

    public Tensor SampleTimes(Generator generator, long batch) => Tensor.Rand(generator, [batch]);

    public TrainingExample Example(Tensor clean, Tensor noise, Tensor times)
    {
        using var scope = DisposeScope.Enter();
        var t = Broadcastable(times.To(clean.DType, clean.Device), clean.Dim);
        var noisy = clean * (1.0 - t) + noise * t;
        var target = noise - clean;
        return new TrainingExample(scope.Keep(noisy), scope.Keep(target), scope.Keep(times.To(DType.Float32, clean.Device) * TimeScale));
    }

    public Tensor Sample(Func<Tensor, Tensor, Tensor> network, Tensor noise, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        using var scope = DisposeScope.Enter();
        var x = noise;
        for (var i = 0; i < steps; i++)
        {
            using var step = DisposeScope.Enter();
            var t = 1.0 - (double)i / steps;
            var dt = 1.0 / steps;
            var time = Tensor.Full([noise.Size(0)], t * TimeScale, DType.Float32, noise.Device);
            x = step.Keep(x - network(x, time) * dt);
        }

        return scope.Keep(x.Clamp(-1, 1));
    }

    internal static Tensor Broadcastable(Tensor perSample, int dims)
    {
        var shape = new long[dims];
        Array.Fill(shape, 1L);
        shape[0] = perSample.Size(0);
        return perSample.Reshape(shape);
    }
}
