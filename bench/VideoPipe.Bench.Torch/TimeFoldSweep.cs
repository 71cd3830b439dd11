using System.Globalization;

namespace VideoPipe.Bench.Torch;

/// <summary>
/// Training-step convolution (forward + backward, batch 2): a causal 3x3x3 conv as one 3D convolution against the
/// same conv with its three time taps folded into the channels of one 2D convolution over every frame.
/// </summary>
internal static class TimeFoldSweep
{
    private static readonly (long C, long T, long Hw)[] Cases = [(32, 17, 64), (32, 17, 32), (32, 9, 32), (32, 5, 16), (64, 9, 32)];

    public static void Run(int repeats)
    {
        using var g = new Generator(0);
        using var grad = GradMode.Enable();
        foreach (var (c, t, hw) in Cases)
        {
            using var scope = DisposeScope.Enter();
            var x = Tensor.Randn(g, [2, c, t + 2, hw, hw]);
            x.RequiresGrad = true;
            var w = Tensor.Randn(g, [c, c, 3, 3, 3]).Mul(0.01);
            w.RequiresGrad = true;
            var b = Tensor.Zeros([c]);
            b.RequiresGrad = true;
            long[] one3 = [1, 1, 1], pad3 = [0, 1, 1], one2 = [1, 1], pad2 = [1, 1];
            var conv3d = Timing.MedianMs(repeats, () => Step(() => Functional.Conv(x, w, b, one3, pad3, one3), x, w, b));
            var folded = Timing.MedianMs(repeats, () => Step(() => Folded(x, w, b, t, one2, pad2), x, w, b));
            using var check = GradMode.NoGrad();
            var diff = (Functional.Conv(x, w, b, one3, pad3, one3) - Folded(x, w, b, t, one2, pad2)).Abs().MaxValue();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"timefold c={c} t={t} hw={hw} conv3d_ms={conv3d:F1} folded_ms={folded:F1} ratio={folded / conv3d:F2} max_abs_diff={diff:E1}"));
        }
    }

    private static Tensor Step(Func<Tensor> forward, params Tensor[] leaves)
    {
        foreach (var leaf in leaves)
        {
            leaf.Grad = null;
        }

        var y = forward();
        y.Sum().Backward();
        return y.Detach();
    }

    /// <summary>[B, C, T+2, H, W] → frames t, t+1, t+2 as 3C channels of B·T images, one conv2d, back to [B, O, T, H, W].</summary>
    private static Tensor Folded(Tensor x, Tensor w, Tensor b, long t, long[] one, long[] pad)
    {
        var (batch, c, h, wd) = (x.Size(0), x.Size(1), x.Size(3), x.Size(4));
        var o = w.Size(0);
        var taps = Tensor.Cat([x.Narrow(2, 0, t), x.Narrow(2, 1, t), x.Narrow(2, 2, t)], 1); // [B, 3C, T, H, W], tap-major
        var images = taps.Permute(0, 2, 1, 3, 4).Reshape(batch * t, 3 * c, h, wd);
        var w2 = w.Permute(0, 2, 1, 3, 4).Reshape(o, 3 * c, 3, 3);
        var y = Functional.Conv(images, w2, b, one, pad, one);
        return y.View(batch, t, o, h, wd).Permute(0, 2, 1, 3, 4);
    }
}
