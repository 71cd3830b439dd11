namespace VideoPipe.Engine;

/// <summary>How a run ended; each outcome has its own process exit code.</summary>
public enum PipelineOutcome
{
    /// <summary>Every item went through every stage (exit 0).</summary>
    Completed = 0,

    /// <summary>A stage failed under the fail-fast policy, or the engine itself failed (exit 1).</summary>
    Failed = 1,

    /// <summary>The pipeline was rejected before any work (exit 2).</summary>
    Invalid = 2,

    /// <summary>Finished, but some items were quarantined (exit 3).</summary>
    CompletedWithQuarantine = 3,

    /// <summary>Intake was stopped (signal) and every item already in flight finished (exit 4).</summary>
    Drained = 4,

    /// <summary>Stopped and the grace period ran out: in-flight items were aborted, their outputs discarded (exit 5).</summary>
    Aborted = 5,
}
