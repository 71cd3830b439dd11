namespace VideoPipe.Precompute;

/// <summary>
/// Where everything lives inside a dataset folder. Output paths are a function of (item id, config fingerprint);
/// temporaries live in a per-shard staging folder, so a starting shard can clear its own leftovers without
/// touching files another running shard is writing.
/// <code>
/// configs/&lt;fp16&gt;.json                        settings of a fingerprint
/// latents/&lt;fp16&gt;/&lt;id[0:2]&gt;/&lt;id&gt;.safetensors     one file per clip (format safetensors)
/// wds/&lt;fp16&gt;/&lt;shard&gt;-&lt;seq&gt;.tar                WebDataset archives (format wds)
/// ledger/&lt;fp16&gt;/&lt;shard&gt;.jsonl                  per-shard ledger; &lt;shard&gt;.lock held while it runs
/// staging/&lt;fp16&gt;/&lt;shard&gt;/                       temporaries of one shard
/// manifest.jsonl, quarantine.jsonl             written by merge
/// </code>
/// </summary>
public sealed class DatasetLayout
{
    public DatasetLayout(string root, string shortFingerprint)
    {
        Root = Path.GetFullPath(root);
        ShortFingerprint = shortFingerprint;
    }

    public string Root { get; }

    public string ShortFingerprint { get; }

    public string ConfigFile => Path.Combine(Root, "configs", ShortFingerprint + ".json");

    public string LatentsDirectory => Path.Combine(Root, "latents", ShortFingerprint);

    public string ArchivesDirectory => Path.Combine(Root, "wds", ShortFingerprint);

    public string LedgerDirectory => Path.Combine(Root, "ledger", ShortFingerprint);

    public string ManifestFile => Path.Combine(Root, "manifest.jsonl");

    public string QuarantineFile => Path.Combine(Root, "quarantine.jsonl");

    public static string ConfigsDirectory(string root) => Path.Combine(Path.GetFullPath(root), "configs");

    public string LatentFile(string itemId) => Path.Combine(LatentsDirectory, itemId[..2], itemId + ".safetensors");

    public string LedgerFile(ShardSpec shard) => Path.Combine(LedgerDirectory, shard.Name + ".jsonl");

    public string LockFile(ShardSpec shard) => Path.Combine(LedgerDirectory, shard.Name + ".lock");

    public string StagingDirectory(ShardSpec shard) => Path.Combine(Root, "staging", ShortFingerprint, shard.Name);

    public string Archive(ShardSpec shard, int sequence) =>
        Path.Combine(ArchivesDirectory, $"{shard.Name}-{sequence:D6}.tar");

    /// <summary>Path relative to the dataset root with '/' separators (as recorded in ledgers and manifests).</summary>
    public string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    public string Absolute(string relative) => Path.GetFullPath(Path.Combine(Root, relative));
}
