using VideoPipe.Torch;
using VideoPipe.Torch.Losses;

namespace VideoPipe.Training.Tests.Losses;

public sealed class HighFrequencyLossTests
{
    private static Tensor Random(ulong seed, params long[] shape)
    {
        using var generator = new Generator(seed);
        return Tensor.Randn(generator, shape, DType.Float64);
    }

    [Fact]
    public void HaarSplitKeepsTheEnergy()
    {
        using var scope = DisposeScope.Enter();
        var x = Random(1, 2, 3, 8, 6);
        var (ll, lh, hl, hh) = HighFrequencyLoss.HaarSplit(x);
        var energy = (ll * ll).Sum().Item() + (lh * lh).Sum().Item() + (hl * hl).Sum().Item() + (hh * hh).Sum().Item();
        Assert.Equal((x * x).Sum().Item(), energy, 9);
    }

    [Fact]
    public void AConstantOffsetHasNoHighFrequencies()
    {
        using var scope = DisposeScope.Enter();
        var x = Random(2, 1, 3, 2, 8, 8);
        Assert.Equal(0.0, HighFrequencyLoss.Loss(x + 0.3, x).Item(), 12);
        Assert.True(HighFrequencyLoss.Loss(x + Random(3, 1, 3, 2, 8, 8) * 0.1, x).Item() > 1e-3);
    }

    [Fact]
    public void GradientMatchesFiniteDifferencesWithOddSizes()
    {
        using var scope = DisposeScope.Enter();
        var prediction = Random(4, 1, 2, 2, 6, 5);
        var target = Random(5, 1, 2, 2, 6, 5);
        var ratio = GradCheck.WorstRatio(inputs => HighFrequencyLoss.Loss(inputs[0], inputs[1], levels: 2), [prediction, target]);
        Assert.True(ratio <= 1.0, $"worst gradient ratio {ratio}");
    }
}
