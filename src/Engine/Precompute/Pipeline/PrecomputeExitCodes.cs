using VideoPipe.Engine;

namespace VideoPipe.Precompute;

/// <summary>
/// Exit codes of `videopipe precompute`, from the one table of every command (README, <see cref="PipelineOutcome"/>);
/// quarantined items do not make a shard fail (they are in its ledger), so a scheduler does not retry it for them.
/// </summary>
public static class PrecomputeExitCodes
{
    /// <summary>Every source of the shard is done or quarantined.</summary>
    public const int Completed = (int)PipelineOutcome.Completed;

    /// <summary>A fault of the run (storage, device, ledger, another process on the shard): rerun after fixing it.</summary>
    public const int SystemicFault = (int)PipelineOutcome.Failed;

    /// <summary>Bad command line or settings (nothing was processed).</summary>
    public const int InvalidSettings = (int)PipelineOutcome.Invalid;

    /// <summary>Stopped by SIGTERM/SIGINT after draining (128 + SIGTERM): rerun to resume.</summary>
    public const int Interrupted = 143;
}
