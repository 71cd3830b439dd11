namespace VideoPipe.Jobs.Training;

/// <summary>
/// A training run as train.json describes it (snake_case keys). <see cref="TrainingOptionsValidator"/> checks every
/// value before any work starts.
/// </summary>
public sealed class TrainingOptions
{
    public ModelOptions Model { get; set; } = new();

    public DataOptions Data { get; set; } = new();

    public LossOptions Losses { get; set; } = new();

    public OptimizerOptions Optimizer { get; set; } = new();

    /// <summary>Global gradient-norm clipping; null turns it off.</summary>
    public double? MaxGradNorm { get; set; } = 1.0;

    public ScheduleOptions Schedule { get; set; } = new();

    /// <summary>
    /// The latent the decoder trains on: "sample" (z = mean + std · noise, a VAE's usual training) or "mean" (the
    /// posterior mean, which is what encoding uses by default; the KL term still regularises mean and variance).
    /// </summary>
    public string Posterior { get; set; } = "sample";

    /// <summary>
    /// Mixed precision: "bfloat16" runs the training forward's convolutions and matrix products in bfloat16
    /// (torch.autocast) while weights, optimizer state and losses stay float32; null (default) trains in float32.
    /// </summary>
    public string? Autocast { get; set; }

    /// <summary>Decay of the exponential moving average of the weights; null keeps no average.</summary>
    public double? EmaDecay { get; set; }

    public int BatchSize { get; set; } = 1;

    /// <summary>Micro-batches whose gradients add up before one optimizer step.</summary>
    public int GradientAccumulation { get; set; } = 1;

    /// <summary>Optimizer steps of the whole run.</summary>
    public long Steps { get; set; } = 1000;

    /// <summary>Stop (with a checkpoint) once this many seconds of training have passed, even before <see cref="Steps"/>.</summary>
    public double? TimeBudgetSeconds { get; set; }

    public EvalOptions Eval { get; set; } = new();

    /// <summary>A checkpoint every this many steps (and always at the end).</summary>
    public long CheckpointEvery { get; set; } = 100;

    /// <summary>Checkpoints kept in the run directory (older ones are deleted).</summary>
    public int KeepCheckpoints { get; set; } = 2;

    /// <summary>Seeds every random draw of the run (data, posterior noise, discriminator).</summary>
    public ulong Seed { get; set; }

    /// <summary>Intra-op threads of libtorch; a run is reproducible for the same seed, data and threads.</summary>
    public int Threads { get; set; } = 2;

    /// <summary>Non-finite losses in a row that stop the run (each one skips its step).</summary>
    public int MaxBadSteps { get; set; } = 5;
}
