using VideoPipe.Plugins.OdVae.Model;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae.Tests;

public class GroupNormTests
{
    private static VideoGroupNorm Identity(bool perFrame, long channels = 32)
    {
        var norm = new VideoGroupNorm(channels, perFrame, OdVaeBlockNames.NormGroups);
        norm.Weight.Value.Fill(1);
        norm.Bias.Value.Fill(0);
        return norm;
    }

    /// <summary>Reference GroupNorm with <paramref name="groups"/> groups, eps 1e-6, biased variance over <paramref name="dims"/> of [B, G, C/G, T, H, W].</summary>
    private static Tensor Reference(Tensor x, long[] dims, long groups = 32)
    {
        using var scope = DisposeScope.Enter();
        var s = x.Shape;
        var g = x.To(DType.Float64).Reshape(s[0], groups, s[1] / groups, s[2], s[3], s[4]);
        var mean = g.Mean(dims, keepDim: true);
        var variance = g.Var(dims, unbiased: false, keepDim: true);
        var y = (g - mean) / (variance + 1e-6).Sqrt();
        return scope.Keep(y.Reshape(s).To(DType.Float32));
    }

    [Fact]
    public void FewerGroupsPoolStatisticsOverSeveralChannels()
    {
        using var norm = new VideoGroupNorm(32, perFrame: false, groups: 8);
        norm.Weight.Value.Fill(1);
        norm.Bias.Value.Fill(0);
        using var generator = new Generator(3);
        using var x = Tensor.Randn(generator, [2, 32, 3, 4, 4]);

        using var y = norm.Forward(x);
        using var expected = Reference(x, [2, 3, 4, 5], groups: 8);

        TensorAssert.Close(expected, y, 1e-5);
    }

    [Fact]
    public void ChannelsThatDoNotSplitIntoTheGroupsAreRefused() =>
        Assert.Throws<ArgumentException>(() => new VideoGroupNorm(32, perFrame: false, groups: 5));

    [Fact]
    public void Gn3DPoolsStatisticsOverAllFrames()
    {
        using var x = TensorAssert.Random(11, 1, 64, 3, 4, 5);
        using var scaled = x * TensorAssert.ConstantFrames(1, 1, 1, 1, 10, -3);
        using var norm = Identity(perFrame: false, channels: 64);
        using var y = norm.Forward(scaled);
        using var expected = Reference(scaled, [2, 3, 4, 5]);
        TensorAssert.Close(expected, y, 1e-5);
    }

    [Fact]
    public void Gn2DNormalisesEveryFrameOnItsOwn()
    {
        using var x = TensorAssert.Random(12, 2, 64, 3, 4, 5);
        using var scaled = x * TensorAssert.ConstantFrames(1, 1, 1, 1, 10, -3);
        using var norm = Identity(perFrame: true, channels: 64);
        using var y = norm.Forward(scaled);
        using var expected = Reference(scaled, [2, 4, 5]);
        TensorAssert.Close(expected, y, 1e-5);
    }

    [Fact]
    public void TheTwoFlavoursDifferWhenFramesDiffer()
    {
        using var x = TensorAssert.Random(13, 1, 32, 2, 3, 3);
        using var scaled = x * TensorAssert.ConstantFrames(1, 1, 1, 1, 5);
        using var gn2 = Identity(perFrame: true);
        using var gn3 = Identity(perFrame: false);
        using var a = gn2.Forward(scaled);
        using var b = gn3.Forward(scaled);
        Assert.True(TensorAssert.MaxAbsDiff(a, b) > 0.1);
    }

    [Fact]
    public void UsesEpsOneEMinus6AndAffineParameters()
    {
        // A group whose values are +-1e-3 has variance 1e-6: eps 1e-6 gives 1/sqrt(2e-6) scaling, 1e-5 would not.
        var data = new float[32 * 2];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = i % 2 == 0 ? 1e-3f : -1e-3f;
        }

        using var x = Tensor.FromArray(data, 1, 32, 1, 1, 2);
        using var norm = Identity(perFrame: false);
        norm.Weight.Value.Fill(2);
        norm.Bias.Value.Fill(0.5);
        using var y = norm.Forward(x);
        var expected = 2 * 1e-3 / Math.Sqrt(2e-6) + 0.5;
        Assert.Equal(expected, y.MaxValue(), 4);
    }
}
