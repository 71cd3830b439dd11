using VideoPipe.Torch;
using VideoPipe.Torch.Losses;

namespace VideoPipe.Training.Tests.Losses;

public sealed class StructuralSimilarityTests
{
    private static Tensor Random(ulong seed, params long[] shape)
    {
        using var generator = new Generator(seed);
        return Tensor.Rand(generator, shape, DType.Float64) * 2.0 - 1.0;
    }

    [Fact]
    public void IdenticalVideosHaveSsimOneAndNoLoss()
    {
        using var scope = DisposeScope.Enter();
        var x = Random(1, 2, 3, 2, 16, 16);
        Assert.Equal([1.0, 1.0], StructuralSimilarity.PerVideo(x, x, 2.0).ToArray<double>(), new ToleranceComparer(1e-12));
        Assert.Equal(0.0, StructuralSimilarity.Loss(x, x).Item(), 12);
    }

    [Fact]
    public void NoiseLowersSsimMonotonically()
    {
        using var scope = DisposeScope.Enter();
        var x = Random(2, 1, 3, 2, 16, 16);
        var noise = Random(3, 1, 3, 2, 16, 16);
        var slight = StructuralSimilarity.Loss(x + noise * 0.05, x).Item();
        var strong = StructuralSimilarity.Loss(x + noise * 0.5, x).Item();
        Assert.InRange(slight, 1e-4, strong - 1e-3);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        using var scope = DisposeScope.Enter();
        var prediction = Random(4, 1, 2, 2, 7, 7);
        var target = Random(5, 1, 2, 2, 7, 7);
        var ratio = GradCheck.WorstRatio(inputs => StructuralSimilarity.Loss(inputs[0], inputs[1]), [prediction, target]);
        Assert.True(ratio <= 1.0, $"worst gradient ratio {ratio}");
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance;

        public int GetHashCode(double value) => 0;
    }
}
