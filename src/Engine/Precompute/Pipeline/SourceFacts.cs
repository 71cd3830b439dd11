namespace VideoPipe.Precompute;

/// <summary>What identifies a source's content: its SHA-256, size and modification time (for the hash cache).</summary>
public sealed record SourceFacts(string Sha256, long Bytes, long ModifiedTicks);
