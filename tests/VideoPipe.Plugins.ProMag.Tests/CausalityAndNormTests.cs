using VideoPipe.Abstractions;
using VideoPipe.Plugins.ProMag.Layers;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.ProMag.Tests;

/// <summary>Acceptance tests 2 and 5 of the spec: causality at every ratio, and the mean-free custom norm.</summary>
public sealed class CausalityAndNormTests
{
    [Theory]
    [InlineData(4, GrowthMode.Recursive)]
    [InlineData(8, GrowthMode.Recursive)]
    [InlineData(16, GrowthMode.Recursive)]
    [InlineData(16, GrowthMode.FromBase)]
    public void LaterFramesNeverReachEarlierLatents(int ratio, GrowthMode mode)
    {
        using var tokenizer = TinyProMag.Busy(ratio, c => c with { GrowthMode = mode });
        using var scope = DisposeScope.Enter();
        var frames = 1 + 2L * ratio;
        var video = TinyProMag.Video(frames, size: 8);
        var changed = Tensor.Cat([video.Narrow(2, 0, 1 + ratio), TinyProMag.Video(ratio, size: 8, seed: 99) * 3.0], 2);
        var a = tokenizer.Encode(video, EncodeOptions.Default);
        var b = tokenizer.Encode(changed, EncodeOptions.Default);
        Assert.True(TinyProMag.MaxAbsDiff(a.Narrow(2, 0, 2), b.Narrow(2, 0, 2)) < 1e-6, "latents 0..1 see frames up to k only");
        Assert.True(TinyProMag.MaxAbsDiff(a.Narrow(2, 2, 1), b.Narrow(2, 2, 1)) > 1e-3, "latent 2 sees the changed frames");
    }

    [Fact]
    public void ClipStatisticsLetLaterFramesReachEarlierLatents()
    {
        using var tokenizer = TinyProMag.Busy(4, c => c with { NormStatistics = NormStatistics.Clip });
        using var scope = DisposeScope.Enter();
        var video = TinyProMag.Video(9, size: 8);
        var changed = Tensor.Cat([video.Narrow(2, 0, 5), TinyProMag.Video(4, size: 8, seed: 99) * 3.0], 2);
        var a = tokenizer.Encode(video, EncodeOptions.Default);
        var b = tokenizer.Encode(changed, EncodeOptions.Default);
        Assert.True(TinyProMag.MaxAbsDiff(a.Narrow(2, 0, 1), b.Narrow(2, 0, 1)) > 1e-4);
    }

    private static Tensor Normalize(NormType type, Tensor x)
    {
        var config = TinyProMag.Config() with { Norm = type, NormGroups = 2 };
        using var norm = new ProMagNorm(4, config, affine: false);
        return norm.Forward(x);
    }

    [Fact]
    public void TheCustomNormIgnoresAPositiveScaleOfAGroupButNotAnOffset()
    {
        using var scope = DisposeScope.Enter();
        using var generator = new Generator(4);
        var x = Tensor.Randn(generator, [2, 4, 3, 5, 5]);
        var scale = Tensor.FromArray(new float[] { 3f, 3f, 0.5f, 0.5f }, 1, 4, 1, 1, 1);
        Assert.True(TinyProMag.MaxAbsDiff(Normalize(NormType.GroupRms, x), Normalize(NormType.GroupRms, x * scale)) < 1e-4);
        Assert.True(TinyProMag.MaxAbsDiff(Normalize(NormType.GroupRms, x), Normalize(NormType.GroupRms, x + 2.0)) > 0.1);
        Assert.True(TinyProMag.MaxAbsDiff(Normalize(NormType.Group, x), Normalize(NormType.Group, x + 2.0)) < 1e-4, "plain GroupNorm removes the offset");
    }

    [Fact]
    public void TheCustomNormDividesByTheGroupsRootMeanSquarePerFrame()
    {
        using var scope = DisposeScope.Enter();
        using var generator = new Generator(5);
        var x = Tensor.Randn(generator, [1, 4, 2, 3, 3]);
        var expected = x.Reshape(1, 2, 2, 2, 3, 3);
        expected = (expected / (expected.Square().Mean([2, 4, 5], keepDim: true) + 1e-6).Sqrt()).Reshape(1, 4, 2, 3, 3);
        Assert.True(TinyProMag.MaxAbsDiff(Normalize(NormType.GroupRms, x), expected) < 1e-5);
    }
}
