using System.Globalization;

namespace VideoPipe.Bench.Torch;

/// <summary>ConvKernel.Auto vs ConvKernel.Torch through the binding around torch's batch-1 oneDNN threshold.</summary>
internal static class ConvSweep
{
    private static readonly (long C, long T, long Hw, long K)[] Cases =
    [
        (16, 4, 16, 3), (32, 8, 32, 3), (64, 5, 64, 3), (128, 5, 32, 3), (128, 9, 32, 3), (128, 5, 32, 1),
        (64, 0, 16, 3), (64, 0, 18, 3), (128, 0, 64, 3), (128, 0, 128, 1),
    ];

    public static void Run(int repeats)
    {
        using var g = new Generator(0);
        foreach (var (c, t, hw, k) in Cases)
        {
            using var scope = DisposeScope.Enter();
            var is3d = t > 0;
            long[] xs = is3d ? [1, c, t, hw, hw] : [1, c, hw, hw];
            long[] ws = is3d ? [c, c, k, k, k] : [c, c, k, k];
            var n = is3d ? 3 : 2;
            var one = Enumerable.Repeat(1L, n).ToArray();
            var pad = Enumerable.Repeat(k / 2, n).ToArray();
            var x = Tensor.Randn(g, xs);
            var w = Tensor.Randn(g, ws).Mul(0.01);
            var b = Tensor.Randn(g, [c]);
            var outElems = xs.Aggregate(1L, (p, s) => p * s);
            var gflop = 2.0 * outElems * (w.Numel / c) / 1e9;
            var auto = Timing.MedianMs(repeats, () => Functional.Conv(x, w, b, one, pad, one, 1, ConvKernel.Auto));
            var torch = Timing.MedianMs(repeats, () => Functional.Conv(x, w, b, one, pad, one, 1, ConvKernel.Torch));
            var path = Functional.SelectConvPath(x, w, one, one);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sweep {(is3d ? "conv3d" : "conv2d")} c={c} t={t} hw={hw} k={k} auto_path={path} auto_ms={auto:F3} torch_ms={torch:F3} auto_gflops={gflop / (auto / 1e3):F1} torch_gflops={gflop / (torch / 1e3):F1}"));
        }
    }
}
