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
        var (_, fields) = ReadStat(File.ReadAllText("/proc/self/stat"));
        // cutime and cstime are fields 16 and 17.
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

            // ppid is field 4; utime and stime are fields 14 and 15.
            var (command, fields) = ReadStat(stat);
            if (command == "videopipe-probe" && int.Parse(fields[1], CultureInfo.InvariantCulture) == Environment.ProcessId)
            {
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
        }

        return ticks / 100.0;
    }

    /// <summary>
    /// A /proc/&lt;pid&gt;/stat line: the command name (field 2, in parentheses, which may itself hold spaces or
    /// parentheses) and the fields after it, so index 0 is field 3 (state); an empty name for text that is not one.
    /// </summary>
    private static (string Command, string[] Fields) ReadStat(string stat)
    {
        var open = stat.IndexOf('(');
        var close = stat.LastIndexOf(')');
        return open < 0 || close < open ? ("", []) : (stat[(open + 1)..close], stat[(close + 2)..].Split(' '));
    }
}
