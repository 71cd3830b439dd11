using VideoPipe.Plugins.IvVae.Layers;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Tests;

/// <summary>
/// Finite-difference gradient checks (float64) of every IV-VAE layer we wrote: the input's and a sample of every
/// parameter's gradient against central differences (whole clips, no stream state).
/// </summary>
public sealed class LayerGradientTests
{
    private static Tensor Video(long channels, long frames, long size)
    {
        using var generator = new Generator(11);
        return Tensor.Randn(generator, [1, channels, frames, size, size], DType.Float64);
    }

    private static void AssertLayerGradients(Module layer, Func<Tensor, Tensor> forward, Tensor input)
    {
        using (layer)
        using (input)
        {
            Assert.InRange(GradCheck.ModuleWorstRatio(layer, forward, input), 0, 1);
        }
    }

    /// <summary>Upstream's call pattern: frame 0 alone, then the rest, the group-causal caches carried between calls.</summary>
    private static Func<Tensor, Tensor> Streamed(Func<Tensor, StreamState, Tensor> forward) => x =>
    {
        using var state = new StreamState();
        using var scope = DisposeScope.Enter();
        var first = forward(x.Narrow(2, 0, 1), state);
        state.EndCall();
        var rest = forward(x.Narrow(2, 1, x.Size(2) - 1), state);
        return scope.Keep(Tensor.Cat([first, rest], 2));
    };

    [Fact]
    public void BranchRmsNormWithSilu()
    {
        var norm = new BranchRmsNorm(3);
        AssertLayerGradients(norm, x => norm.Forward(x, silu: true), Video(6, 2, 3));
    }

    [Fact]
    public void ImageRmsNorm()
    {
        var norm = new ImageRmsNorm(4);
        AssertLayerGradients(norm, norm.Forward, Video(4, 2, 3));
    }

    [Fact]
    public void GroupCausalConv()
    {
        var conv = new GroupCausalConv(3, 4, 3, groupLength: 2);
        AssertLayerGradients(conv, Streamed(conv.Forward), Video(3, 5, 4));
    }

    [Fact]
    public void KtcConv()
    {
        var conv = new KtcConv(6, 2, 3, 3, groupLength: 4);
        AssertLayerGradients(conv, Streamed(conv.Forward), Video(6, 5, 4));
    }

    [Fact]
    public void MixedConv2dAndFrameConv2d()
    {
        var mixed = new MixedConv2d(4, 4, 3, padding: 1);
        AssertLayerGradients(mixed, mixed.Forward, Video(4, 2, 4));
        var frame = new FrameConv2d(3, 4, 3, padding: 1);
        AssertLayerGradients(frame, frame.Forward, Video(3, 2, 4));
    }

    [Fact]
    public void Pac()
    {
        var pac = new Pac(4, 2);
        AssertLayerGradients(pac, pac.Forward, Video(4, 2, 4));
    }

    [Fact]
    public void ResBlocks()
    {
        var block2d = new ResBlock2D(2, 3);
        AssertLayerGradients(block2d, x => block2d.Forward(x, null), Video(4, 2, 4));
        var block3d = new ResBlock3D(2, 3, groupLength: 4);
        AssertLayerGradients(block3d, Streamed(block3d.Forward), Video(4, 5, 4));
    }

    [Fact]
    public void Attention()
    {
        var attention = new AttentionBlock(4);
        AssertLayerGradients(attention, attention.Forward, Video(4, 2, 2));
        var branch = new BranchAttention(2);
        AssertLayerGradients(branch, x => branch.Forward(x, null), Video(4, 2, 2));
    }

    [Theory]
    [InlineData(ResampleMode.Downsample2d)]
    [InlineData(ResampleMode.Downsample3d)]
    [InlineData(ResampleMode.Upsample2d)]
    [InlineData(ResampleMode.Upsample3d)]
    public void Resample(ResampleMode mode)
    {
        var resample = new Resample(2, mode);
        AssertLayerGradients(resample, x => resample.Forward(x, null), Video(4, 5, 4));
    }
}
