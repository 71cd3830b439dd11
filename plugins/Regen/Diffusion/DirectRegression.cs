using VideoPipe.Torch;

namespace VideoPipe.Plugins.Regen.Diffusion;

/// <summary>
/// The deterministic decoder as a degenerate process: the network always sees an all-zero input at time 0 and its
/// output is the clip (target = x0). Sampling is one pass whatever the step count, and ignores the noise's values.
/// </summary>
public sealed class DirectRegression : IDiffusionProcess
{
    public Tensor SampleTimes(Generator generator, long batch) => Tensor.Zeros([batch], DType.Float32);

    public TrainingExample Example(Tensor clean, Tensor noise, Tensor times)
    {
        using var scope = DisposeScope.Enter();
        var input = Tensor.Zeros(clean.Shape, clean.DType, clean.Device);
        return new TrainingExample(scope.Keep(input), scope.Keep(clean.Reshape(clean.Shape)), scope.Keep(Tensor.Zeros([clean.Size(0)], DType.Float32, clean.Device)));
    }

    public Tensor Sample(Func<Tensor, Tensor, Tensor> network, Tensor noise, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        using var scope = DisposeScope.Enter();
        var time = Tensor.Zeros([noise.Size(0)], DType.Float32, noise.Device);
        return scope.Keep(network(Tensor.Zeros(noise.Shape, noise.DType, noise.Device), time).Clamp(-1, 1));
    }
}
