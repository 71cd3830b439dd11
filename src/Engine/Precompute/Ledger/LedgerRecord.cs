namespace VideoPipe.Precompute;

/// <summary>One ledger line. Only the fields an event needs are set; times appear here and nowhere in the latents.</summary>
public sealed record LedgerRecord
{
    public required string Event { get; init; }

    public DateTimeOffset Time { get; init; }

    public string? Shard { get; init; }

    /// <summary>Item id (done, failed, quarantined items).</summary>
    public string? Item { get; init; }

    /// <summary>Source key.</summary>
    public string? Source { get; init; }

    public int? Clip { get; init; }

    public long? Start { get; init; }

    public int? Frames { get; init; }

    /// <summary>Output path relative to the dataset root (a .safetensors file or a .tar archive).</summary>
    public string? Output { get; init; }

    /// <summary>Size in bytes of the output file (of the whole archive for WebDataset).</summary>
    public long? Bytes { get; init; }

    public int? Attempts { get; init; }

    public string? Reason { get; init; }

    /// <summary>done: the aspect-ratio bucket of the clip (with --buckets).</summary>
    public string? Bucket { get; init; }

    /// <summary>source_done: what ffmpeg complained about although every frame decoded (the source's clips were encoded).</summary>
    public IReadOnlyList<string>? Warnings { get; init; }

    /// <summary>Wall seconds the item took (decode wait excluded), or the run's duration for stopped/completed.</summary>
    public double? Seconds { get; init; }

    /// <summary>True when a restart found the output already complete (the earlier run died before recording it).</summary>
    public bool? Recovered { get; init; }

    public string? Sha256 { get; init; }

    public long? SourceBytes { get; init; }

    public long? SourceModifiedTicks { get; init; }

    /// <summary>source_done: ids of its done items; started: not used.</summary>
    public IReadOnlyList<string>? Items { get; init; }

    /// <summary>started: sources this shard owns; completed: sources finished.</summary>
    public int? Sources { get; init; }

    public int? Done { get; init; }

    public int? Quarantined { get; init; }

    public int? ProcessId { get; init; }

    public string? Fingerprint { get; init; }
}
