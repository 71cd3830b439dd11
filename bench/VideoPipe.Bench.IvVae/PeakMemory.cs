using System.Globalization;

namespace VideoPipe.Bench.IvVae;

/// <summary>Resident-set figures from /proc/self/status (Linux).</summary>
internal static class PeakMemory
{
    public static double PeakRssMiB => ReadKiB("VmHWM:") / 1024.0;

    public static double RssMiB => ReadKiB("VmRSS:") / 1024.0;

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
