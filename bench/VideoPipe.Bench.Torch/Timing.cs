using System.Diagnostics;

namespace VideoPipe.Bench.Torch;

/// <summary>Warm-up then median-of-N timing (the same protocol as native/bench/vp_bench.cpp).</summary>
internal static class Timing
{
    /// <summary>Median CPU milliseconds (all threads of the process) of the last <see cref="MedianMs"/> call.</summary>
    public static double LastCpuMs { get; private set; }

    /// <summary>One warm-up call, then <paramref name="repeats"/> timed calls; median wall milliseconds.</summary>
    public static double MedianMs(int repeats, Func<Tensor> op)
    {
        op().Dispose();
        var ms = new double[repeats];
        var cpu = new double[repeats];
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < repeats; i++)
        {
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            using (op())
            {
                ms[i] = sw.Elapsed.TotalMilliseconds;
                process.Refresh();
                cpu[i] = (process.TotalProcessorTime - cpu0).TotalMilliseconds;
            }
        }

        LastCpuMs = Median(cpu);
        return Median(ms);
    }

    public static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
