namespace VideoPipe.Bench.OdVae;

/// <summary>Resident-set figures from /proc/self/status (Linux).</summary>
internal static class PeakMemory
{
    /// <summary>VmHWM: the process's peak resident set so far, in MiB.</summary>
    public static double PeakMiB() => ReadKiB("VmHWM:") / 1024.0;

    public static double CurrentMiB() => ReadKiB("VmRSS:") / 1024.0;

    private static long ReadKiB(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
