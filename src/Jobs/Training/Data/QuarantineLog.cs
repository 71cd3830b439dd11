using System.Text.Json;

namespace VideoPipe.Jobs.Training;

/// <summary>
/// Videos that could not be read, each with the reason, appended to quarantine.jsonl in the run directory (and
/// read back on resume, so a resumed run skips them as the original run did after finding them).
/// </summary>
public sealed class QuarantineLog
{
    private readonly string path;
    private readonly Dictionary<string, string> reasons = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public QuarantineLog(string path)
    {
        this.path = path;
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
            {
                try
                {
                    using var entry = JsonDocument.Parse(line);
                    reasons[entry.RootElement.GetProperty("path").GetString()!] = entry.RootElement.GetProperty("reason").GetString()!;
                }
                catch (JsonException)
                {
                    // a line a killed run left half-written: that video is simply found again
                }
            }
        }
    }

    public bool Contains(string video)
    {
        lock (gate)
        {
            return reasons.ContainsKey(video);
        }
    }

    public int Count
    {
        get
        {
            lock (gate)
            {
                return reasons.Count;
            }
        }
    }

    public void Add(string video, string reason)
    {
        lock (gate)
        {
            if (!reasons.TryAdd(video, reason))
            {
                return;
            }

            using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            stream.Write(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["path"] = video, ["reason"] = reason }));
            stream.WriteByte((byte)'\n');
            stream.Flush(flushToDisk: true);
        }
    }
}
