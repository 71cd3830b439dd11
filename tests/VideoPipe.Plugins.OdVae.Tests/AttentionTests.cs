using VideoPipe.Plugins.OdVae.Model;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae.Tests;

public class AttentionTests
{
    private static AttnBlock3DFix RandomBlock(long channels, ulong seed)
    {
        var block = new AttnBlock3DFix(channels, OdVaeBlockNames.NormGroups);
        using var g = new Generator(seed);
        block.InitializeRandom(g, std: 0.2);
        block.Norm.Weight.Value.Fill(1);
        return block;
    }

    /// <summary>Spec 4.3 written out frame by frame: softmax over positions j of sum_c Q[c,i] K[c,j] / sqrt(C).</summary>
    private static Tensor Reference(AttnBlock3DFix block, Tensor x)
    {
        using var scope = DisposeScope.Enter();
        var s = x.Shape;
        var n = block.Norm.Forward(x);
        var q = block.Q.Forward(n);
        var k = block.K.Forward(n);
        var v = block.V.Forward(n);
        var frames = new List<Tensor>();
        for (long t = 0; t < s[2]; t++)
        {
            var qt = q.Select(2, t).Reshape(s[1], s[3] * s[4]);
            var kt = k.Select(2, t).Reshape(s[1], s[3] * s[4]);
            var vt = v.Select(2, t).Reshape(s[1], s[3] * s[4]);
            var scores = qt.Transpose(0, 1).MatMul(kt) / Math.Sqrt(s[1]);
            var weights = Functional.Softmax(scores, 1);
            var o = vt.MatMul(weights.Transpose(0, 1));
            frames.Add(o.Reshape(1, s[1], s[3], s[4]));
        }

        var stacked = Tensor.Stack(frames, 2);
        return scope.Keep(x + block.ProjOut.Forward(stacked));
    }

    [Fact]
    public void MatchesPerFrameSpatialAttention()
    {
        using var block = RandomBlock(32, 31);
        using var x = TensorAssert.Random(32, 1, 32, 3, 4, 5);
        using var y = block.Forward(x);
        using var expected = Reference(block, x);
        TensorAssert.Close(expected, y, 1e-5);
    }

    [Fact]
    public void FramesDoNotAttendToEachOtherBeyondSharedNormStatistics()
    {
        // With GN-3D statistics held fixed (frame 1 only permuted in space), frame 0's output must not change.
        using var block = RandomBlock(32, 33);
        using var x = TensorAssert.Random(34, 1, 32, 2, 3, 3);
        using var frame1 = x.Narrow(2, 1, 1);
        using var flipped = frame1.Flip(3, 4);
        using var frame0 = x.Narrow(2, 0, 1);
        using var x2 = Tensor.Cat([frame0, flipped], 2);
        using var y1 = block.Forward(x);
        using var y2 = block.Forward(x2);
        using var a = y1.Narrow(2, 0, 1);
        using var b = y2.Narrow(2, 0, 1);
        TensorAssert.Close(a, b, 1e-5);
    }
}
