namespace VideoPipe.Torch.Tests;

/// <summary>PyTorch's default module initialization: U(±1/√fan_in) weights and conv/linear biases, norms 1 and 0.</summary>
public class DefaultInitializationTests
{
    // Created outside inference mode, as training parameters are (inference tensors refuse in-place updates).
    private static List<(string Name, Tensor Value)> Parameters()
    {
        using var mode = GradMode.NoGrad();
        return Create();
    }

    private static List<(string Name, Tensor Value)> Create() =>
    [
        ("conv.weight", Tensor.Zeros([64, 8, 3, 3, 3])),
        ("conv.bias", Tensor.Zeros([64])),
        ("quant.weight", Tensor.Zeros([8, 8, 1, 1, 1])),
        ("quant.bias", Tensor.Zeros([8])),
        ("norm.weight", Tensor.Zeros([64])),
        ("norm.bias", Tensor.Ones([64])),
    ];

    private static double MaxAbs(Tensor t)
    {
        using var abs = t.Abs();
        using var max = abs.Amax();
        return max.Item();
    }

    [Fact]
    public void FanInIsSize1TimesTheKernel()
    {
        using var conv = Tensor.Zeros([64, 8, 3, 3, 3]);
        using var linear = Tensor.Zeros([10, 20]);

        Assert.Equal(8 * 27, DefaultInitialization.FanIn(conv));
        Assert.Equal(20, DefaultInitialization.FanIn(linear));
    }

    [Fact]
    public void WeightsAndBiasesAreBoundedByTheirFanInAndFillTheRange()
    {
        var parameters = Parameters();
        using var generator = new Generator(1);

        DefaultInitialization.Apply(parameters, generator);

        var convBound = 1 / Math.Sqrt(8 * 27);
        var quantBound = 1 / Math.Sqrt(8);
        Assert.InRange(MaxAbs(parameters[0].Value), 0.9 * convBound, convBound);
        Assert.InRange(MaxAbs(parameters[1].Value), 0.5 * convBound, convBound);
        Assert.InRange(MaxAbs(parameters[2].Value), 0.5 * quantBound, quantBound);
        Assert.InRange(MaxAbs(parameters[3].Value), 0.1 * quantBound, quantBound);
        Assert.All(parameters[4].Value.ToArray<float>(), v => Assert.Equal(1f, v));
        Assert.All(parameters[5].Value.ToArray<float>(), v => Assert.Equal(0f, v));
        parameters.ForEach(p => p.Value.Dispose());
    }

    [Fact]
    public void TheSameSeedGivesTheSameWeights()
    {
        var first = Parameters();
        var second = Parameters();
        using (var g = new Generator(7))
        {
            DefaultInitialization.Apply(first, g);
        }

        using (var g = new Generator(7))
        {
            DefaultInitialization.Apply(second, g);
        }

        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal(first[i].Value.ToArray<float>(), second[i].Value.ToArray<float>());
        }

        first.Concat(second).ToList().ForEach(p => p.Value.Dispose());
    }
}
