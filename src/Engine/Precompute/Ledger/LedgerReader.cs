using System.Text.Json;

namespace VideoPipe.Precompute;

/// <summary>Reads ledger files, skipping lines a kill left torn.</summary>
public static class LedgerReader
{
    public static IReadOnlyList<LedgerRecord> ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var records = new List<LedgerRecord>();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize<LedgerRecord>(line, LedgerJson.Options) is { } record)
                {
                    records.Add(record);
                }
            }
            catch (JsonException)
            {
                // A torn tail from a kill; everything before it is intact.
            }
        }

        return records;
    }
}
