using System.Text.Json;

namespace VideoPipe.Jobs.Training;

/// <summary>
/// The scalar state a checkpoint holds beside its tensors. Random draws derive from (seed, step), so the step is
/// the data position and the generators' state at once.
/// </summary>
public sealed record TrainingCheckpointState
{
    public required long Step { get; init; }

    public required long OptimizerSteps { get; init; }

    public long DiscriminatorSteps { get; init; }

    public int BadStepsInARow { get; init; }

    public double ElapsedSeconds { get; init; }

    public required ulong Seed { get; init; }

    public required string Family { get; init; }

    /// <summary>The family's upstream config, written beside exported weights.</summary>
    public required JsonElement ModelConfig { get; init; }
}
