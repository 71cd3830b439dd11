using System.Runtime.InteropServices;

namespace VideoPipe.Bench.Media;

/// <summary>
/// CPU time (user + system) of this process plus its reaped children (ffmpeg, ffprobe), from getrusage. Wall time on a
/// shared 2-core machine says little; CPU per frame says where the work goes whatever else runs beside it.
/// </summary>
internal static partial class CpuClock
{
    private const int Self = 0;
    private const int Children = -1;

    public static TimeSpan SelfAndChildren() => Used(Self) + Used(Children);

    private static TimeSpan Used(int who)
    {
        if (GetRusage(who, out var usage) != 0)
        {
            throw new InvalidOperationException($"getrusage failed (errno {Marshal.GetLastPInvokeError()})");
        }

        return usage.User.ToTimeSpan() + usage.System.ToTimeSpan();
    }

    [LibraryImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static partial int GetRusage(int who, out ResourceUsage usage);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeValue
    {
        public long Seconds;
        public long Microseconds;

        public readonly TimeSpan ToTimeSpan() => TimeSpan.FromSeconds(Seconds) + TimeSpan.FromMicroseconds(Microseconds);
    }

    // struct rusage on 64-bit Linux: two timevals and fourteen longs.
    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceUsage
    {
        public TimeValue User;
        public TimeValue System;
        public unsafe fixed long Rest[14];
    }
}
