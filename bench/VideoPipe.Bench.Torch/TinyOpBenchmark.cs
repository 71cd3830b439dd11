using System.Diagnostics;
using System.Globalization;

namespace VideoPipe.Bench.Torch;

/// <summary>Per-call cost of a tiny op (add of two 1-element tensors) through the binding, result disposed each call.</summary>
internal static class TinyOpBenchmark
{
    public static void Run(long calls)
    {
        using var a = Tensor.Ones([1]);
        using var b = Tensor.Ones([1]);
        for (var i = 0; i < 10_000; i++)
        {
            a.Add(b).Dispose();
        }

        var disposed = new double[5];
        var disposedCpu = new double[5];
        var scoped = new double[5];
        var process = Process.GetCurrentProcess();
        for (var rep = 0; rep < 5; rep++)
        {
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            for (long i = 0; i < calls; i++)
            {
                using var c = a.Add(b);
            }

            disposed[rep] = sw.Elapsed.TotalNanoseconds / calls;
            process.Refresh();
            disposedCpu[rep] = (process.TotalProcessorTime - cpu0).TotalNanoseconds / calls;

            sw.Restart();
            for (long i = 0; i < calls; i += 100)
            {
                using var scope = DisposeScope.Enter();
                for (var j = 0; j < 100; j++)
                {
                    _ = a.Add(b);
                }
            }

            scoped[rep] = sw.Elapsed.TotalNanoseconds / calls;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tiny_add median_ns_per_call={Timing.Median(disposed):F0} median_cpu_ns_per_call={Timing.Median(disposedCpu):F0} calls={calls} (using per call)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tiny_add_scoped median_ns_per_call={Timing.Median(scoped):F0} calls={calls} (DisposeScope per 100 calls)"));
    }
}
