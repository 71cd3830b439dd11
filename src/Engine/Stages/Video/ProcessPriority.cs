using System.Globalization;
using System.Runtime.InteropServices;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// Linux nice values of child processes, read and lowered through /proc and setpriority. Linux keeps the value per
/// thread and a new thread copies its creator's, so lowering every thread of a freshly started process covers the
/// threads it starts later too. Best effort: elsewhere, or for a process that already exited, nothing happens.
/// </summary>
internal static partial class ProcessPriority
{
    private const int PriorityOfThread = 0;

    /// <summary>The processes started by the calling thread that are still running (Linux /proc/thread-self/children).</summary>
    public static IReadOnlyList<int> ChildrenOfCurrentThread()
    {
        const string path = "/proc/thread-self/children";
        if (!OperatingSystem.IsLinux() || !File.Exists(path))
        {
            return [];
        }

        return [.. File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture))];
    }

    /// <summary>
    /// Sets every thread of <paramref name="pid"/> to nice <paramref name="nice"/> (a lower priority only). A thread
    /// the process starts while its creator is not lowered yet copies the old value, so the threads are listed
    /// again until a pass finds none left to lower.
    /// </summary>
    public static void Lower(int pid, int nice)
    {
        const int passes = 8;
        for (var pass = 0; pass < passes; pass++)
        {
            if (!LowerListedThreads(pid, nice))
            {
                return;
            }
        }
    }

    /// <summary>One pass over the threads listed now; true when it lowered any.</summary>
    private static bool LowerListedThreads(int pid, int nice)
    {
        string[] threads;
        try
        {
            threads = Directory.GetDirectories($"/proc/{pid}/task");
        }
        catch (IOException)
        {
            return false;
        }

        var lowered = false;
        foreach (var thread in threads)
        {
            var tid = int.Parse(Path.GetFileName(thread), CultureInfo.InvariantCulture);
            if (NiceOfThread(pid, tid) < nice)
            {
                lowered |= SetPriority(PriorityOfThread, tid, nice) == 0;
            }
        }

        return lowered;
    }

    /// <summary>The nice value of one thread of <paramref name="pid"/> (its main thread by default), or null once it is gone.</summary>
    public static int? NiceOfThread(int pid, int? tid = null)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/task/{tid ?? pid}/stat");
            // Field 19 is the nice value; the fields after the parenthesised command name start at field 3.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[16], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int priority);
}
