namespace VideoPipe.Media.Processes;

/// <summary>The last few lines a tool wrote to stderr, bounded in line count and line length, safe to add to from the reader task.</summary>
internal sealed class StderrTail(int maxLines = 40, int maxLineLength = 400)
{
    private readonly Queue<string> lines = new();
    private readonly Lock gate = new();

    public void Add(string line)
    {
        if (line.Length > maxLineLength)
        {
            line = string.Concat(line.AsSpan(0, maxLineLength), "…");
        }

        lock (gate)
        {
            lines.Enqueue(line);
            while (lines.Count > maxLines)
            {
                lines.Dequeue();
            }
        }
    }

    public override string ToString()
    {
        lock (gate)
        {
            return string.Join(Environment.NewLine, lines);
        }
    }
}
