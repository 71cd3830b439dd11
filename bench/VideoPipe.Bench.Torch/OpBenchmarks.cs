using System.Globalization;

namespace VideoPipe.Bench.Torch;

/// <summary>conv3d, conv2d, group_norm and attention through the binding, shapes as in native/bench "ops".</summary>
internal static class OpBenchmarks
{
    /// <param name="repeats">timed calls per op after one warm-up</param>
    /// <param name="only">comma-separated op names to run (all when empty)</param>
    public static void Run(int repeats, string only)
    {
        var wanted = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        void Time(string name, Func<Tensor> op, double gflop = 0)
        {
            if (wanted.Length == 0 || wanted.Contains(name))
            {
                Report(name, Timing.MedianMs(repeats, op), gflop);
            }
        }

        using var g = new Generator(0);
        using (var scope = DisposeScope.Enter())
        {
            var x = Tensor.Randn(g, [1, 128, 17, 128, 128]);
            var w = Tensor.Randn(g, [128, 128, 3, 3, 3]).Mul(0.01);
            var b = Tensor.Randn(g, [128]);
            long[] ones = [1, 1, 1];
            var gflop = 2.0 * 128 * 17 * 128 * 128 * (128 * 27) / 1e9;
            Time("conv3d_onednn", () => Functional.Conv(x, w, b, ones, ones, ones, 1, ConvKernel.Auto), gflop);
            Time("conv3d_torch", () => Functional.Conv(x, w, b, ones, ones, ones, 1, ConvKernel.Torch), gflop);
            var gamma = Tensor.Randn(g, [128]);
            Time("group_norm", () => Functional.GroupNorm(x, 32, gamma, b, 1e-6));
        }

        using (var scope = DisposeScope.Enter())
        {
            var x = Tensor.Randn(g, [1, 128, 256, 256]);
            var w = Tensor.Randn(g, [128, 128, 3, 3]).Mul(0.01);
            var b = Tensor.Randn(g, [128]);
            long[] ones = [1, 1];
            Time("conv2d_onednn", () => Functional.Conv(x, w, b, ones, ones, ones, 1, ConvKernel.Auto));
            Time("conv2d_torch", () => Functional.Conv(x, w, b, ones, ones, ones, 1, ConvKernel.Torch));
        }

        using (var scope = DisposeScope.Enter())
        {
            var q = Tensor.Randn(g, [1, 1, 4096, 256]);
            var k = Tensor.Randn(g, [1, 1, 4096, 256]);
            var v = Tensor.Randn(g, [1, 1, 4096, 256]);
            Time("attention", () => Functional.ScaledDotProductAttention(q, k, v));
        }
    }

    private static void Report(string name, double ms, double gflop = 0)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{name} median_ms={ms:F2} cpu_ms={Timing.LastCpuMs:F2}");
        if (gflop > 0)
        {
            line += string.Create(CultureInfo.InvariantCulture, $" gflops={gflop / (ms / 1e3):F1}");
        }

        Console.WriteLine(line);
    }
}
