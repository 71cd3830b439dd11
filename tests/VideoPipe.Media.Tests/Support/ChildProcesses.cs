namespace VideoPipe.Media.Tests.Support;

/// <summary>The ffmpeg/ffprobe children of this test process, zombies included, read from /proc.</summary>
internal static class ChildProcesses
{
    public static IReadOnlyList<string> MediaTools()
    {
        var found = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            // "pid (comm) state ppid ..."; comm may contain spaces, so split after the last ')'.
            var open = stat.IndexOf('(');
            var close = stat.LastIndexOf(')');
            var command = stat[(open + 1)..close];
            var rest = stat[(close + 2)..].Split(' ');
            if (int.Parse(rest[1]) == Environment.ProcessId && command is "ffmpeg" or "ffprobe")
            {
                found.Add($"{pid} {command} state {rest[0]}");
            }
        }

        return found;
    }

    /// <summary>Children exit asynchronously after a kill; give them a moment before declaring a leak.</summary>
    public static async Task AssertNoneAsync()
    {
        for (var attempt = 0; attempt < 50 && MediaTools().Count > 0; attempt++)
        {
            await Task.Delay(20);
        }

        Assert.Empty(MediaTools());
    }
}
