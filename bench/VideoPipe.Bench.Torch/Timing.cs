using System.Diagnostics;

namespace VideoPipe.Bench.Torch;

/// <summary>Warm-up then median-of-N wall-clock timing (the same protocol as native/bench/vp_bench.cpp).</summary>
internal static class Timing
{
    /// <summary>One warm-up call, then <paramref name="repeats"/> timed calls; median milliseconds.</summary>
    public static double MedianMs(int repeats, Func<Tensor> op)
    {
        op().Dispose();
        var ms = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var sw = Stopwatch.StartNew();
            using (op())
            {
                ms[i] = sw.Elapsed.TotalMilliseconds;
            }
        }

        return Median(ms);
    }

    public static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
