using System.Diagnostics;
using System.Globalization;
using VideoPipe.Torch;

namespace VideoPipe.Bench.OdVae;

/// <summary>CPU seconds of the convolution shapes that dominate the released model at 17x128x128 (--op profile).</summary>
internal static class LayerProfile
{
    public static void Run()
    {
        using var g = new Generator(3);
        // Per-frame 3x3 conv at encoder level 0: as a depth-1 3D conv (what FrameConv2d does) and as 2D on frames.
        Time("frame conv 128->128 3x3 @17x128x128 as 3D k(1,3,3)", g, [1, 128, 17, 128, 128], [128, 128, 1, 3, 3], [0, 1, 1]);
        Time("frame conv 128->128 3x3 @17x128x128 as 2D batch 17", g, [17, 128, 128, 128], [128, 128, 3, 3], [1, 1]);
        Time("causal conv 256->256 3x3x3 @19x64x64 (padded)", g, [1, 256, 19, 66, 66], [256, 256, 3, 3, 3], [0, 0, 0]);
        Time("causal conv 128->128 3x3x3 @19x128x128 (padded)", g, [1, 128, 19, 130, 130], [128, 128, 3, 3, 3], [0, 0, 0]);
        TimeChannelsLast("causal conv 128->128 3x3x3 @19x128x128 channels-last", g, [1, 128, 19, 130, 130], [128, 128, 3, 3, 3]);
    }

    private static void TimeChannelsLast(string label, Generator g, long[] input, long[] weight)
    {
        using var x0 = Tensor.Randn(g, input);
        using var moved = x0.Permute(0, 2, 3, 4, 1);
        using var dense = moved.Contiguous();
        using var x = dense.Permute(0, 4, 1, 2, 3);
        using var w = Tensor.Randn(g, weight);
        long[] ones = [1, 1, 1];
        long[] zeros = [0, 0, 0];
        using (Functional.Conv(x, w, null, ones, zeros, ones))
        {
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        using var y = Functional.Conv(x, w, null, ones, zeros, ones);
        var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var macs = (double)y.Numel * weight.Skip(1).Aggregate(1L, (a, b) => a * b);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: wall {sw.Elapsed.TotalSeconds:F2} s, cpu {used:F2} s, {2 * macs / used / 1e9:F0} GFLOP/s per cpu-second, output strides [{string.Join(", ", y.Strides)}]"));
    }

    private static void Time(string label, Generator g, long[] input, long[] weight, long[] padding)
    {
        using var x = Tensor.Randn(g, input);
        using var w = Tensor.Randn(g, weight);
        var n = weight.Length - 2;
        var ones = Enumerable.Repeat(1L, n).ToArray();
        using (Functional.Conv(x, w, null, ones, padding, ones))
        {
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        using var y = Functional.Conv(x, w, null, ones, padding, ones);
        var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var macs = (double)y.Numel * weight.Skip(1).Aggregate(1L, (a, b) => a * b);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: wall {sw.Elapsed.TotalSeconds:F2} s, cpu {used:F2} s, {2 * macs / used / 1e9:F0} GFLOP/s per cpu-second"));
    }
}
