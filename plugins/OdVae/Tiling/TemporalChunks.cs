namespace VideoPipe.Plugins.OdVae.Tiling;

/// <summary>
/// Upstream v1.2.0 temporal chunking: starts every (size - 1) frames, consecutive chunks share exactly one frame,
/// the last chunk is cut at the end or an extra tail chunk is appended. Every chunk after the first drops its first
/// output frame (the shared one) when results are concatenated.
/// </summary>
public static class TemporalChunks
{
    public static IReadOnlyList<(int Start, int End)> Plan(int frames, int chunkSize)
    {
        if (chunkSize < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize, "temporal chunks need at least 2 frames");
        }

        var starts = new List<int>();
        for (var s = 0; s < frames; s += chunkSize - 1)
        {
            starts.Add(s);
        }

        if (starts.Count <= 1)
        {
            return [(0, frames)];
        }

        var chunks = new List<(int Start, int End)>();
        for (var n = 0; n < starts.Count - 1; n++)
        {
            chunks.Add((starts[n], starts[n + 1] + 1));
        }

        var last = chunks[^1];
        if (last.End > frames)
        {
            chunks[^1] = (last.Start, frames);
        }
        else if (last.End < frames)
        {
            chunks.Add((starts[^1], frames));
        }

        return chunks;
    }
}
