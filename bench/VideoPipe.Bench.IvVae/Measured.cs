using System.Diagnostics;
using System.Globalization;
using VideoPipe.Torch;

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

    /// <summary>Runs <paramref name="op"/> twice in a dispose scope (the first warms up) and prints the second run.</summary>
    public static void PrintWarm(string name, int width, Func<Tensor> op)
    {
        for (var i = 0; i < 2; i++)
        {
            using var scope = DisposeScope.Enter();
            var m = Start();
            op();
            var t = m.Stop();
            if (i == 1)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name.PadRight(width)} {t}"));
            }
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"wall {Wall.TotalSeconds:F2} s / cpu {Cpu.TotalSeconds:F2} s");

    public readonly record struct Interval(Stopwatch Clock, TimeSpan CpuAtStart)
    {
        public Measured Stop() => new(Clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - CpuAtStart);
    }
}
