using VideoPipe.Plugins.Regen.Diffusion;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Regen.Tests;

/// <summary>Spec §12 test 5 and the flow-matching sampler against their closed forms.</summary>
public sealed class SamplerTests
{
    private static Tensor Zero(Tensor x, Tensor time) => Tensor.Zeros(x.Shape);

    [Fact]
    public void DdimWithAZeroEpsilonNetworkFollowsTheAnalyticUpdate()
    {
        using var scope = DisposeScope.Enter();
        var process = new DdpmProcess(1000, 1e-4, 2e-2, Prediction.Epsilon);
        Assert.Equal(new[] { 999, 666, 332 }, process.Timesteps(3));
        var x = Tensor.Full([1, 1, 1, 1, 2], 0.3, DType.Float64);
        var ab = process.AlphaBar[999];
        var abPrev = process.AlphaBar[666];
        var x0 = Math.Clamp(0.3 / Math.Sqrt(ab), -1, 1);
        var eps = (0.3 - x0 * Math.Sqrt(ab)) / Math.Sqrt(1 - ab);
        var expected = x0 * Math.Sqrt(abPrev) + eps * Math.Sqrt(1 - abPrev);
        var stepped = process.Step(Tensor.Zeros([1, 1, 1, 1, 2], DType.Float64), x, 999, 666);
        Assert.Equal(expected, stepped.ToArray<double>()[0], 12);
    }

    [Fact]
    public void OneDdimStepWithAnX0NetworkReturnsItsClippedEstimate()
    {
        using var scope = DisposeScope.Enter();
        var process = new DdpmProcess(1000, 1e-4, 2e-2, Prediction.X0);
        var noise = Tensor.Full([1, 3, 1, 2, 2], 0.7);
        var sample = process.Sample((x, _) => Tensor.Full(x.Shape, 1.5), noise, steps: 1);
        Assert.Equal(1.0, sample.MaxValue(), 6);
    }

    [Fact]
    public void EulerStepsIntegrateAConstantVelocityExactly()
    {
        using var scope = DisposeScope.Enter();
        var process = new FlowMatching();
        var noise = Tensor.Full([1, 3, 1, 2, 2], 0.5);
        var times = new List<double>();
        var sample = process.Sample((x, time) =>
        {
            times.Add(time.ToArray<float>()[0]);
            return Tensor.Full(x.Shape, 0.25);
        }, noise, steps: 4);
        Assert.Equal(new double[] { 1000, 750, 500, 250 }, times);
        Assert.Equal(0.25, sample.MaxValue(), 6);
    }

    [Fact]
    public void TheFlowTrainingTargetIsTheVelocity()
    {
        using var scope = DisposeScope.Enter();
        var clean = Tensor.Full([2, 3, 1, 2, 2], 0.5);
        var noise = Tensor.Full([2, 3, 1, 2, 2], -1.0);
        using var example = new FlowMatching().Example(clean, noise, Tensor.FromArray(new float[] { 0.25f, 1f }, 2));
        Assert.Equal(-1.5, example.Target.MaxValue(), 6);
        Assert.Equal(0.5 * 0.75 - 0.25, example.Noisy.Narrow(0, 0, 1).MaxValue(), 6);
        Assert.Equal(new float[] { 250, 1000 }, example.TimeInput.ToArray<float>());
    }

    [Fact]
    public void ZeroStepsAreRefused()
    {
        using var scope = DisposeScope.Enter();
        Assert.Throws<ArgumentOutOfRangeException>(() => new FlowMatching().Sample(Zero, Tensor.Zeros([1, 3, 1, 2, 2]), 0));
    }
}
