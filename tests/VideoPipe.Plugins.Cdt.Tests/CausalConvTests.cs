using VideoPipe.Plugins.Cdt.Layers;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Tests;

public sealed class CausalConvTests
{
    private static CausalConv3d RandomConv(PadMode mode, ulong seed)
    {
        var conv = new CausalConv3d(2, 3, [3, 3, 3], [1, 1, 1], mode);
        using var g = new Generator(seed);
        conv.InitializeRandom(g, 0.3);
        return conv;
    }

    [Theory]
    [InlineData(PadMode.Constant)]
    [InlineData(PadMode.Replicate)]
    public void StreamedChunksWithCacheEqualWholeSequence(PadMode mode)
    {
        using var scope = DisposeScope.Enter();
        using var conv = RandomConv(mode, 1);
        using var g = new Generator(2);
        var x = Tensor.Randn(g, [1, 2, 9, 5, 6]);
        var whole = conv.Forward(x);

        using var cache = new FeatureCache();
        var parts = new List<Tensor>();
        long start = 0;
        foreach (var n in new long[] { 1, 1, 3, 2, 1, 1 })
        {
            parts.Add(conv.Forward(x.Slice(2, start, start + n), cache));
            start += n;
        }

        Assert.True(TinyModels.MaxAbsDiff(whole, Tensor.Cat(parts, 2)) < 1e-5);
    }

    [Theory]
    [InlineData(PadMode.Constant)]
    [InlineData(PadMode.Replicate)]
    public void OutputsNeverDependOnFutureFrames(PadMode mode)
    {
        using var scope = DisposeScope.Enter();
        using var conv = RandomConv(mode, 3);
        using var g = new Generator(4);
        var x = Tensor.Randn(g, [1, 2, 6, 4, 4]);
        var changed = x.Clone();
        changed.Slice(2, 4).Fill(5);
        var a = conv.Forward(x).Slice(2, 0, 4);
        var b = conv.Forward(changed).Slice(2, 0, 4);
        Assert.Equal(0, TinyModels.MaxAbsDiff(a, b));
        Assert.True(TinyModels.MaxAbsDiff(conv.Forward(x).Slice(2, 4), conv.Forward(changed).Slice(2, 4)) > 0.1);
    }

    [Fact]
    public void FrontPaddingIsTwoFramesInThePadMode()
    {
        using var scope = DisposeScope.Enter();
        // A clip constant in time: with replicated padding frame 0 sees three identical frames, as every later
        // frame does; with zeros it sees two zero frames, so its output differs.
        using var g = new Generator(5);
        var frame = Tensor.Randn(g, [1, 2, 1, 4, 4]);
        var clip = frame.Expand(1, 2, 4, 4, 4).Contiguous();
        using var replicate = RandomConv(PadMode.Replicate, 6);
        using var zeros = RandomConv(PadMode.Constant, 6);
        var r = replicate.Forward(clip);
        var z = zeros.Forward(clip);
        Assert.True(TinyModels.MaxAbsDiff(r.Slice(2, 0, 1), r.Slice(2, 3, 4)) < 1e-5);
        Assert.True(TinyModels.MaxAbsDiff(z.Slice(2, 0, 1), z.Slice(2, 3, 4)) > 1e-3);
        Assert.True(TinyModels.MaxAbsDiff(z.Slice(2, 2, 3), z.Slice(2, 3, 4)) < 1e-5);
    }

    [Fact]
    public void OneFrameChunkKeepsTheNewestCachedFrame()
    {
        using var scope = DisposeScope.Enter();
        using var conv = RandomConv(PadMode.Constant, 7);
        using var g = new Generator(8);
        var x = Tensor.Randn(g, [1, 2, 4, 3, 3]);
        using var cache = new FeatureCache();
        conv.Forward(x.Slice(2, 0, 2), cache);
        conv.Forward(x.Slice(2, 2, 3), cache);
        var state = cache.Get(conv)!;
        Assert.Equal(2, state.Size(2));
        Assert.Equal(0, TinyModels.MaxAbsDiff(state, x.Slice(2, 1, 3)));
    }
}
