namespace VideoPipe.Abstractions;

/// <summary>One clip to process: a source file and an optional time range, with a stable id.</summary>
public sealed record WorkItem
{
    public required string Id { get; init; }

    public required string SourcePath { get; init; }

    /// <summary>The source as the work list names it (relative to the scanned folder, or as a manifest writes it); ids derive from it.</summary>
    public string? SourceKey { get; init; }

    /// <summary>Start of the clip in seconds (null: from the beginning).</summary>
    public double? StartSeconds { get; init; }

    /// <summary>End of the clip in seconds, exclusive (null: to the end).</summary>
    public double? EndSeconds { get; init; }

    /// <summary>SHA-256 of the source file's bytes when it was read to make the id (null for standard input or a missing file).</summary>
    public string? ContentSha256 { get; init; }

    /// <summary>Position in the deterministic work list.</summary>
    public int Index { get; init; }

    /// <summary>Facts stages record for later stages (e.g. the decode settings metrics re-reads the source with).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
}
