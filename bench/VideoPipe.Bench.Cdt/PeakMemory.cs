namespace VideoPipe.Bench.Cdt;

/// <summary>Peak resident set size of this process (VmHWM in /proc/self/status).</summary>
public static class PeakMemory
{
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

        throw new InvalidOperationException($"{field} not in /proc/self/status");
    }
}
