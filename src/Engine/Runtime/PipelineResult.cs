namespace VideoPipe.Engine;

/// <summary>An item set aside under the quarantine policy: which stage failed and why.</summary>
public sealed record QuarantinedItem(string ItemId, string SourcePath, string Stage, string Reason);

public sealed record StageStatistics(string Name, string Type, long Processed, long Emitted, int Capacity, int Parallelism);

public sealed record PipelineResult
{
    public required string Pipeline { get; init; }

    public required PipelineOutcome Outcome { get; init; }

    public int ItemsStarted { get; init; }

    public int ItemsCompleted { get; init; }

    public long Frames { get; init; }

    public IReadOnlyList<QuarantinedItem> Quarantined { get; init; } = [];

    public IReadOnlyList<string> ValidationErrors { get; init; } = [];

    public string? Failure { get; init; }

    public TimeSpan Elapsed { get; init; }

    public IReadOnlyList<StageStatistics> Stages { get; init; } = [];

    /// <summary>The datasets the run wrote (precompute), with how each shard run ended.</summary>
    public IReadOnlyList<Precompute.DatasetOutcome> Datasets { get; init; } = [];

    public int ExitCode => (int)Outcome;
}
