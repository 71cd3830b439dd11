using System.Globalization;

namespace VideoPipe.Bench.Torch;

/// <summary>conv3d, conv2d, group_norm and attention through the binding, shapes as in native/bench "ops".</summary>
internal static class OpBenchmarks
{
    public static void Run(int repeats)
    {
        using var g = new Generator(0);
        using (var scope = DisposeScope.Enter())
        {
            var x = Tensor.Randn(g, [1, 128, 17, 128, 128]);
            var w = Tensor.Randn(g, [128, 128, 3, 3, 3]).Mul(0.01);
            var b = Tensor.Randn(g, [128]);
            long[] ones = [1, 1, 1];
            var gflop = 2.0 * 128 * 17 * 128 * 128 * (128 * 27) / 1e9;
            var auto = Timing.MedianMs(repeats, () => Functional.Conv(x, w, b, ones, ones, ones, 1, ConvKernel.Auto));
            Report("conv3d_onednn", auto, gflop);
            var torch = Timing.MedianMs(repeats, () => Functional.Conv(x, w, b, ones, ones, ones, 1, ConvKernel.Torch));
            Report("conv3d_torch", torch, gflop);
            var gamma = Tensor.Randn(g, [128]);
            Report("group_norm", Timing.MedianMs(repeats, () => Functional.GroupNorm(x, 32, gamma, b, 1e-6)));
        }

        using (var scope = DisposeScope.Enter())
        {
            var x = Tensor.Randn(g, [1, 128, 256, 256]);
            var w = Tensor.Randn(g, [128, 128, 3, 3]).Mul(0.01);
            var b = Tensor.Randn(g, [128]);
            long[] ones = [1, 1];
            Report("conv2d_onednn", Timing.MedianMs(repeats, () => Functional.Conv(x, w, b, ones, ones, ones, 1, ConvKernel.Auto)));
            Report("conv2d_torch", Timing.MedianMs(repeats, () => Functional.Conv(x, w, b, ones, ones, ones, 1, ConvKernel.Torch)));
        }

        using (var scope = DisposeScope.Enter())
        {
            var q = Tensor.Randn(g, [1, 1, 4096, 256]);
            var k = Tensor.Randn(g, [1, 1, 4096, 256]);
            var v = Tensor.Randn(g, [1, 1, 4096, 256]);
            Report("attention", Timing.MedianMs(repeats, () => Functional.ScaledDotProductAttention(q, k, v)));
        }
    }

    private static void Report(string name, double ms, double gflop = 0)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{name} median_ms={ms:F2}");
        if (gflop > 0)
        {
            line += string.Create(CultureInfo.InvariantCulture, $" gflops={gflop / (ms / 1e3):F1}");
        }

        Console.WriteLine(line);
    }
}
