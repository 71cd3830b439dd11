using System.Diagnostics;
using System.Globalization;

namespace VideoPipe.Bench.IvVae;

/// <summary>
/// Wall time plus this process's CPU time over an interval. On a shared, oversubscribed machine the wall time
/// includes waiting for a core; CPU time / threads is the wall time the same work needs on idle cores.
/// </summary>
internal readonly record struct Measured(TimeSpan Wall, TimeSpan Cpu)
{
    public static readonly Measured Zero = new(TimeSpan.Zero, TimeSpan.Zero);

    public static Interval Start() => new(Stopwatch.StartNew(), Process.GetCurrentProcess().TotalProcessorTime);

    public static Measured operator +(Measured a, Measured b) => new(a.Wall + b.Wall, a.Cpu + b.Cpu);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"wall {Wall.TotalSeconds:F2} s / cpu {Cpu.TotalSeconds:F2} s");

    public readonly record struct Interval(Stopwatch Clock, TimeSpan CpuAtStart)
    {
        public Measured Stop() => new(Clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - CpuAtStart);
    }
}
