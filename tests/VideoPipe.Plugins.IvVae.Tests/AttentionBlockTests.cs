using VideoPipe.Plugins.IvVae.Layers;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Tests;

public sealed class AttentionBlockTests
{
    [Fact]
    public void BlockwiseAttentionEqualsTheFullSoftmaxPerFrame()
    {
        const int c = 3;
        const int side = 36; // 1296 tokens > one query block, so several blocks run
        using var generator = new Generator(21);
        using var block = new AttentionBlock(c);
        block.InitializeRandom(generator, 0.5);
        using var x = Tensor.Randn(generator, [1, c, 2, side, side]);
        using var got = block.Forward(x);

        using var scope = DisposeScope.Enter();
        for (var t = 0; t < 2; t++)
        {
            var frame = x.Select(2, t);                                      // (1, c, H, W)
            var norm = frame.Norm(2, [1], keepDim: true).Clamp(min: 1e-12);
            var n = frame / norm * Math.Sqrt(c) * block.Norm.Gamma.Value;
            var qkv = Functional.Conv2d(n, block.ToQkv.Weight.Value, block.ToQkv.Bias.Value).Reshape(3 * c, side * side);
            var q = qkv.Narrow(0, 0, c).Transpose(0, 1);                     // (L, c)
            var k = qkv.Narrow(0, c, c);                                     // (c, L)
            var v = qkv.Narrow(0, 2 * c, c).Transpose(0, 1);
            var attn = Functional.Softmax(q.MatMul(k) / Math.Sqrt(c), 1);    // full L x L
            var o = attn.MatMul(v).Transpose(0, 1).Reshape(1, c, side, side);
            var want = Functional.Conv2d(o, block.Proj.Weight.Value, block.Proj.Bias.Value) + frame;
            Assert.True(TinyModels.MaxAbsDiff(got.Select(2, t), want) < 1e-4);
        }
    }
}
