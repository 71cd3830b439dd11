namespace VideoPipe.Jobs.Training;

/// <summary>How a run ended (the process exit code of <c>videopipe train</c>).</summary>
public enum TrainingOutcome
{
    /// <summary>Every step ran.</summary>
    Completed = 0,

    /// <summary>Too many non-finite losses in a row; the last good checkpoint is kept.</summary>
    Diverged = 1,

    /// <summary>The config or run directory could not be used.</summary>
    Invalid = 2,

    /// <summary>The time budget ran out; a checkpoint was written.</summary>
    TimeBudgetReached = 3,

    /// <summary>Stopped by a signal (SIGTERM, Ctrl+C) after writing a checkpoint.</summary>
    Stopped = 4,
}
