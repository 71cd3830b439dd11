using System.Formats.Tar;
using System.Text;
using System.Text.Json.Nodes;
using VideoPipe.Engine;

namespace VideoPipe.Precompute;

public sealed record MergeResult(bool Complete, IReadOnlyList<string> Problems, int Latents, int Quarantined, string? ManifestPath);

/// <summary>
/// `precompute merge`: checks that a full set of shards finished and that every recorded latent is there and valid,
/// then writes manifest.jsonl (one line per latent: where it is plus its metadata, ordered by source and clip) and
/// quarantine.jsonl (what was given up, with reasons).
/// </summary>
public static class DatasetMerger
{
    public static MergeResult Merge(string root, string? fingerprintPrefix)
    {
        var config = DatasetConfig.Select(root, fingerprintPrefix);
        var layout = new DatasetLayout(root, config.ShortFingerprint);
        var ledgers = ShardLedgerFile.FindAll(layout.LedgerDirectory);
        var problems = new List<string>();
        CheckShardSets(ledgers, problems);

        var done = new Dictionary<string, LedgerRecord>(StringComparer.Ordinal);
        var quarantinedItems = new Dictionary<string, LedgerRecord>(StringComparer.Ordinal);
        var quarantinedSources = new Dictionary<string, LedgerRecord>(StringComparer.Ordinal);
        foreach (var ledger in ledgers)
        {
            foreach (var (id, record) in ledger.State.Done)
            {
                done[id] = record;
            }

            foreach (var (id, record) in ledger.State.QuarantinedItems)
            {
                quarantinedItems.TryAdd(id, record);
            }

            foreach (var (source, record) in ledger.State.QuarantinedSources)
            {
                quarantinedSources.TryAdd(source, record);
            }
        }

        var lines = config.Format == OutputFormat.WebDataset
            ? ArchiveLines(layout, done, problems)
            : FileLines(layout, config.Fingerprint, done, problems);
        if (problems.Count > 0)
        {
            return new MergeResult(false, problems, lines.Count, quarantinedItems.Count + quarantinedSources.Count, null);
        }

        var ordered = lines
            .OrderBy(line => line["source_path"]?.GetValue<string>(), StringComparer.Ordinal)
            .ThenBy(line => line["clip_start"]?.GetValue<long>())
            .ThenBy(line => line["key"]!.GetValue<string>(), StringComparer.Ordinal)
            .Select(CanonicalJson.Serialize);
        WriteAtomically(layout.ManifestFile, ordered);

        var quarantine = quarantinedItems.Where(p => !done.ContainsKey(p.Key)).Select(p => p.Value)
            .Concat(quarantinedSources.Values)
            .OrderBy(r => r.Source, StringComparer.Ordinal).ThenBy(r => r.Start ?? -1)
            .Select(r => CanonicalJson.Serialize(new JsonObject
            {
                ["source_path"] = r.Source, ["key"] = r.Item, ["clip_start"] = r.Start, ["clip_frames"] = r.Frames, ["attempts"] = r.Attempts, ["reason"] = r.Reason,
            }))
            .ToList();
        WriteAtomically(layout.QuarantineFile, quarantine);
        return new MergeResult(true, [], lines.Count, quarantine.Count, layout.ManifestFile);
    }

    /// <summary>At least one shard count N must have all of 0..N-1 finished; others (an earlier re-sharding) may be partial.</summary>
    private static void CheckShardSets(IReadOnlyList<ShardLedgerFile> ledgers, List<string> problems)
    {
        if (ledgers.Count == 0)
        {
            problems.Add("no shard ledgers found: nothing has run for this config");
            return;
        }

        var sets = ledgers.GroupBy(l => l.Shard.Count).OrderBy(g => g.Key).ToList();
        foreach (var set in sets)
        {
            var finished = set.Where(l => l.State.IsComplete).Select(l => l.Shard.Index).ToHashSet();
            if (finished.Count == set.Key)
            {
                return;
            }
        }

        foreach (var set in sets)
        {
            var present = set.ToDictionary(l => l.Shard.Index);
            var missing = Enumerable.Range(0, set.Key).Where(i => !present.ContainsKey(i)).ToList();
            var unfinished = present.Values.Where(l => !l.State.IsComplete).Select(l => l.Shard.Index).Order().ToList();
            if (missing.Count > 0)
            {
                problems.Add($"shards of {set.Key}: {missing.Count} never ran ({Sample(missing)})");
            }

            if (unfinished.Count > 0)
            {
                problems.Add($"shards of {set.Key}: {unfinished.Count} did not finish ({Sample(unfinished)}); rerun them");
            }
        }
    }

    private static List<JsonObject> FileLines(DatasetLayout layout, string fingerprint, Dictionary<string, LedgerRecord> done, List<string> problems)
    {
        var lines = new List<JsonObject>();
        foreach (var id in done.Keys.Order(StringComparer.Ordinal))
        {
            var path = layout.LatentFile(id);
            if (!LatentFileCheck.IsValid(path, id, fingerprint, out var metadata))
            {
                problems.Add($"{layout.Relative(path)}: recorded as done but missing or damaged (rerun shard {done[id].Shard})");
                continue;
            }

            var line = LatentFileMetadata.HeaderStringsToJson(metadata);
            line["key"] = id;
            line["path"] = layout.Relative(path);
            lines.Add(line);
        }

        return lines;
    }

    private static List<JsonObject> ArchiveLines(DatasetLayout layout, Dictionary<string, LedgerRecord> done, List<string> problems)
    {
        var lines = new List<JsonObject>();
        foreach (var archive in done.Values.GroupBy(r => r.Output ?? string.Empty).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var path = layout.Absolute(archive.Key);
            var expected = archive.First().Bytes;
            if (!File.Exists(path) || new FileInfo(path).Length != expected)
            {
                problems.Add($"{archive.Key}: recorded with {expected} bytes but missing or of another size (rerun shard {archive.First().Shard})");
                continue;
            }

            var wanted = archive.Select(r => r.Item!).ToHashSet(StringComparer.Ordinal);
            using var reader = new TarReader(File.OpenRead(path));
            while (reader.GetNextEntry() is { } entry)
            {
                if (!entry.Name.EndsWith(".json", StringComparison.Ordinal) || entry.DataStream is null)
                {
                    continue;
                }

                var key = entry.Name[..^".json".Length];
                if (!wanted.Remove(key))
                {
                    continue;
                }

                using var text = new StreamReader(entry.DataStream, Encoding.UTF8);
                var line = (JsonObject)JsonNode.Parse(text.ReadToEnd())!;
                line["key"] = key;
                line["archive"] = archive.Key;
                line["member"] = key + ".latent.safetensors";
                lines.Add(line);
            }

            problems.AddRange(wanted.Select(id => $"{archive.Key}: has no member for recorded item {id}"));
        }

        return lines;
    }

    private static void WriteAtomically(string path, IEnumerable<string> lines)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
        {
            foreach (var line in lines)
            {
                writer.Write(line);
                writer.Write('\n');
            }

            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static string Sample(IReadOnlyList<int> indices) =>
        string.Join(", ", indices.Take(10)) + (indices.Count > 10 ? $", … {indices.Count - 10} more" : string.Empty);
}
