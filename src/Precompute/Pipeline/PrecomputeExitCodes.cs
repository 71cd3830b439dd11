namespace VideoPipe.Precompute;

/// <summary>Exit codes of `videopipe precompute`; quarantined items do not make a run fail.</summary>
public static class PrecomputeExitCodes
{
    /// <summary>Every source of the shard is done or quarantined.</summary>
    public const int Completed = 0;

    /// <summary>Bad command line or settings (nothing was processed).</summary>
    public const int InvalidSettings = 1;

    /// <summary>A fault of the run (storage, device, ledger, another process on the shard): rerun after fixing it.</summary>
    public const int SystemicFault = 2;

    /// <summary>Stopped by SIGTERM/SIGINT after draining (128 + SIGTERM): rerun to resume.</summary>
    public const int Interrupted = 143;
}
