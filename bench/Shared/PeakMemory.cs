using System.Globalization;

namespace VideoPipe.Bench;

/// <summary>Resident-set figures from /proc/self/status (Linux), shared by the benchmark programs.</summary>
internal static class PeakMemory
{
    /// <summary>VmHWM: the process's peak resident set so far, in MiB.</summary>
    public static double PeakMiB() => ReadKiB("VmHWM:") / 1024.0;

    /// <summary>VmRSS: the process's resident set now, in MiB.</summary>
    public static double CurrentMiB() => ReadKiB("VmRSS:") / 1024.0;

    private static long ReadKiB(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"{field} not in /proc/self/status");
    }
}
