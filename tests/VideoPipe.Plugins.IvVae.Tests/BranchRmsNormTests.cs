using VideoPipe.Plugins.IvVae.Layers;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Tests;

public sealed class BranchRmsNormTests
{
    [Fact]
    public void EachHalfIsNormalisedOverItsOwnChannelsTimesSqrtOfTheHalfWidthAndGamma()
    {
        const int c = 3;
        using var generator = new Generator(9);
        using var norm = new BranchRmsNorm(c);
        norm.InitializeRandom(generator, 1.0);
        using var x = Tensor.Randn(generator, [1, 2 * c, 1, 1, 2]);
        using var y = norm.Forward(x);

        var xs = x.ToArray<float>();   // layout [channel, position] with 2 positions
        var gamma = norm.Gamma.Value.ToArray<float>();
        var ys = y.ToArray<float>();
        for (var half = 0; half < 2; half++)
        {
            for (var p = 0; p < 2; p++)
            {
                double sq = 0;
                for (var ch = 0; ch < c; ch++)
                {
                    sq += xs[(half * c + ch) * 2 + p] * xs[(half * c + ch) * 2 + p];
                }

                var n = Math.Max(Math.Sqrt(sq), 1e-12);
                for (var ch = 0; ch < c; ch++)
                {
                    var i = (half * c + ch) * 2 + p;
                    Assert.Equal(xs[i] / n * Math.Sqrt(c) * gamma[half * c + ch], ys[i], 5);
                }
            }
        }
    }

    [Fact]
    public void ScalingOneHalfLeavesBothOutputsUnchanged()
    {
        using var generator = new Generator(10);
        using var norm = new BranchRmsNorm(4);
        norm.InitializeRandom(generator, 1.0);
        using var x = Tensor.Randn(generator, [1, 8, 2, 3, 3]);
        using var scale = Tensor.FromArray(new float[] { 1, 1, 1, 1, 50, 50, 50, 50 }, 1, 8, 1, 1, 1);
        using var scaled = x * scale;
        using var a = norm.Forward(x);
        using var b = norm.Forward(scaled);
        Assert.True(TinyModels.MaxAbsDiff(a, b) < 1e-4);
    }

    [Fact]
    public void ZeroInputStaysZero()
    {
        using var norm = new BranchRmsNorm(2);
        norm.Gamma.Value.Fill(1);
        using var x = Tensor.Zeros([1, 4, 1, 2, 2]);
        using var y = norm.Forward(x);
        Assert.Equal(0.0, y.Abs().MaxValue());
    }
}
