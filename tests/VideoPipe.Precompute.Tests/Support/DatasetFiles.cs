using System.Security.Cryptography;
using VideoPipe.Engine;

namespace VideoPipe.Precompute.Tests;

/// <summary>The dataset's output files (latents, archives, configs) with their hashes; ledgers and locks excluded.</summary>
public static class DatasetFiles
{
    public static SortedDictionary<string, string> Outputs(string root)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in new[] { "latents", "wds", "configs" })
        {
            var path = Path.Combine(root, folder);
            if (!Directory.Exists(path))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
            {
                files[Path.GetRelativePath(root, file).Replace('\\', '/')] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
            }
        }

        return files;
    }

    /// <summary>Files that look temporary anywhere in the dataset (staging leftovers, *.tmp).</summary>
    public static IReadOnlyList<string> Temporaries(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".tmp", StringComparison.Ordinal) || p.Contains($"{Path.DirectorySeparatorChar}staging", StringComparison.Ordinal))
            .ToList();

    /// <summary>The item id of one clip of <paramref name="source"/> and where a run stored it, derived as the pipeline does.</summary>
    public static async Task<(string ItemId, string Path)> LatentFileAsync(string root, PrecomputeOutcome outcome, string inputFolder, string source, ClipWindow window)
    {
        var hash = await ContentHasher.Sha256Async(Path.Combine(inputFolder, source), CancellationToken.None);
        var id = ItemId.ForFrames(source, hash, window.Start, window.Frames);
        return (id, new DatasetLayout(root, outcome.Fingerprint[..16]).LatentFile(id));
    }

    public static IReadOnlyList<LedgerRecord> Ledger(string root, string shardName)
    {
        var ledgerRoot = Path.Combine(root, "ledger");
        var file = Directory.EnumerateFiles(ledgerRoot, shardName + ".jsonl", SearchOption.AllDirectories).Single();
        return LedgerReader.ReadFile(file);
    }
}
