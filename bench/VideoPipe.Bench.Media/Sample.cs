using System.Diagnostics;

namespace VideoPipe.Bench.Media;

/// <summary>One timed run: wall time, CPU time of this process and its children, and managed bytes allocated.</summary>
internal readonly record struct Sample(TimeSpan Wall, TimeSpan Cpu, long AllocatedBytes)
{
    public static readonly Sample None = new(TimeSpan.MaxValue, TimeSpan.MaxValue, long.MaxValue);

    public static async Task<Sample> MeasureAsync(Func<Task> run)
    {
        var cpu = CpuClock.SelfAndChildren();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var stopwatch = Stopwatch.StartNew();
        await run();
        stopwatch.Stop();
        return new Sample(stopwatch.Elapsed, CpuClock.SelfAndChildren() - cpu, GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }

    /// <summary>The best of each measure separately: load from other work only ever adds to them.</summary>
    public Sample BestWith(Sample other) =>
        new(Min(Wall, other.Wall), Min(Cpu, other.Cpu), Math.Min(AllocatedBytes, other.AllocatedBytes));

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
