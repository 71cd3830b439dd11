using VideoPipe.Plugins.Cdt.Layers;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Tests;

public sealed class TimeLayerTests
{
    /// <summary>One channel, 1x1 pixel, frames 1..n: the conv taps [1, 10, 100] make every output readable.</summary>
    private static (TimeDownsample Layer, Tensor Frames) Fixture(PadMode mode, int frames)
    {
        var layer = new TimeDownsample(1, mode);
        layer.Conv.Weight.Value.CopyFrom<float>([1f, 10f, 100f]);
        layer.Conv.Bias!.Value.Fill(0);
        var x = Tensor.FromArray(Enumerable.Range(1, frames).Select(v => (float)v).ToArray(), 1, 1, frames, 1, 1);
        return (layer, x);
    }

    [Fact]
    public void TimeDownsampleTakesThreeFramesEndingAtTwoJ()
    {
        using var scope = DisposeScope.Enter();
        var (zeros, x) = Fixture(PadMode.Constant, 5);
        using var _ = zeros;
        Assert.Equal(new[] { 100f, 321f, 543f }, zeros.Forward(x, null).ToArray<float>());

        var (replicate, x2) = Fixture(PadMode.Replicate, 5);
        using var __ = replicate;
        Assert.Equal(new[] { 111f, 321f, 543f }, replicate.Forward(x2, null).ToArray<float>());
    }

    [Theory]
    [InlineData(PadMode.Constant)]
    [InlineData(PadMode.Replicate)]
    public void CachedTimeDownsampleUsesOneFrameInsteadOfPadding(PadMode mode)
    {
        using var scope = DisposeScope.Enter();
        var (layer, x) = Fixture(mode, 9);
        using var _ = layer;
        var whole = layer.Forward(x, null).ToArray<float>();
        using var cache = new FeatureCache();
        var streamed = new List<float>();
        long start = 0;
        foreach (var n in new long[] { 1, 2, 4, 2 })
        {
            streamed.AddRange(layer.Forward(x.Slice(2, start, start + n), cache).ToArray<float>());
            start += n;
            Assert.Equal(1, cache.Get(layer)!.Size(2));
        }

        Assert.Equal(whole, streamed);
    }

    [Fact]
    public void TimeUpsampleInterleavesChannelPairsAndTrimsOnlyTheFirstChunk()
    {
        using var scope = DisposeScope.Enter();
        using var layer = new TimeUpsample(2);

        // Row 2c+p of the [4, 2, 1] weight: (p + 1) · channel c, bias 10·(2c+p).
        layer.Conv.Weight.Value.CopyFrom<float>([1, 0, 2, 0, 0, 1, 0, 2]);
        layer.Conv.Bias!.Value.CopyFrom<float>([0, 10, 20, 30]);
        var x = Tensor.FromArray(new float[] { 1, 2, 3, 4 }, 1, 2, 2, 1, 1); // channel 0: frames 1,2; channel 1: 3,4

        var later = layer.Forward(x, firstChunk: false);
        Assert.Equal(new long[] { 1, 2, 4, 1, 1 }, later.Shape);
        Assert.Equal(new float[] { 1, 12, 2, 14, 23, 36, 24, 38 }, later.ToArray<float>());

        var first = layer.Forward(x, firstChunk: true);
        Assert.Equal(new float[] { 12, 2, 14, 36, 24, 38 }, first.ToArray<float>());
    }
}
