using System.Diagnostics;
using System.Globalization;

namespace VideoPipe.Bench.Precompute;

/// <summary>One timed phase: clips done, wall seconds, and CPU seconds of this process and of its reaped children (ffmpeg).</summary>
internal sealed record Measurement(int Clips, double WallSeconds, double CpuSeconds, double ChildCpuSeconds)
{
    public double ClipsPerSecond => Clips / WallSeconds;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Clips} clips in {WallSeconds:F2} s = {ClipsPerSecond:F3} clips/s (cpu {CpuSeconds:F2} s, ffmpeg cpu {ChildCpuSeconds:F2} s, load {LoadAverage()})");

    public static async Task<Measurement> TimeAsync(int clips, Func<Task> phase)
    {
        var (cpu, children) = (Process.GetCurrentProcess().TotalProcessorTime, ReapedChildCpuSeconds());
        var watch = Stopwatch.StartNew();
        await phase();
        watch.Stop();
        return new Measurement(clips, watch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, ReapedChildCpuSeconds() - children);
    }

    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>cutime + cstime of /proc/self/stat: CPU of children already waited for, in clock ticks of 1/100 s.</summary>
    private static double ReapedChildCpuSeconds()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields after the command name start at field 3 (state); cutime and cstime are fields 16 and 17.
        return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / 100.0;
    }
}
