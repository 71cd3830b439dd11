namespace VideoPipe.Precompute;

/// <summary>The "event" values of ledger lines.</summary>
public static class LedgerEvent
{
    /// <summary>A run of the shard began (with the number of sources it owns).</summary>
    public const string Started = "started";

    /// <summary>An item's latent is durable at "output".</summary>
    public const string Done = "done";

    /// <summary>One attempt at an item (or a source's decode) failed; it will be retried.</summary>
    public const string Failed = "failed";

    /// <summary>An item or a whole source was given up after its attempts; the run went on.</summary>
    public const string Quarantined = "quarantined";

    /// <summary>Every clip of a source is done or quarantined.</summary>
    public const string SourceDone = "source_done";

    /// <summary>Every source of the shard is finished.</summary>
    public const string Completed = "completed";

    /// <summary>The run stopped early (signal or systemic fault) after flushing what was durable.</summary>
    public const string Stopped = "stopped";
}
