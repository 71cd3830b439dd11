using System.Diagnostics;
using System.Globalization;

namespace VideoPipe.Bench.Precompute;

/// <summary>
/// One timed phase: clips done, wall seconds, and CPU seconds of this process, of its reaped children (ffmpeg) and of
/// its live videopipe-probe helpers (which outlive the phase, so they are never among the reaped).
/// </summary>
internal sealed record Measurement(int Clips, double WallSeconds, double CpuSeconds, double ChildCpuSeconds, double HelperCpuSeconds)
{
    public double ClipsPerSecond => Clips / WallSeconds;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Clips} clips in {WallSeconds:F2} s = {ClipsPerSecond:F3} clips/s (cpu {CpuSeconds:F2} s, ffmpeg cpu {ChildCpuSeconds:F2} s, probe helper cpu {HelperCpuSeconds:F2} s, load {LoadAverage()})");

    public static async Task<Measurement> TimeAsync(int clips, Func<Task> phase)
    {
        var (cpu, children, helpers) = (Process.GetCurrentProcess().TotalProcessorTime, ReapedChildCpuSeconds(), ProbeHelperCpuSeconds());
        var watch = Stopwatch.StartNew();
        await phase();
        watch.Stop();
        return new Measurement(clips, watch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds,
            ReapedChildCpuSeconds() - children, ProbeHelperCpuSeconds() - helpers);
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

    /// <summary>utime + stime of this process's live videopipe-probe children, in clock ticks of 1/100 s.</summary>
    private static double ProbeHelperCpuSeconds()
    {
        long ticks = 0;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(folder, "stat"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // not a process, or it ended meanwhile
            }

            var open = stat.IndexOf('(');
            var close = stat.LastIndexOf(')');
            if (open < 0 || close < open || stat[(open + 1)..close] != "videopipe-probe")
            {
                continue;
            }

            // After the command name: state, ppid, ... utime and stime are fields 14 and 15.
            var fields = stat[(close + 2)..].Split(' ');
            if (int.Parse(fields[1], CultureInfo.InvariantCulture) == Environment.ProcessId)
            {
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
        }

        return ticks / 100.0;
    }
}
