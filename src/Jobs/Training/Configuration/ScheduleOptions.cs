namespace VideoPipe.Jobs.Training;

/// <summary>The learning-rate schedule over <see cref="TrainingOptions.Steps"/>.</summary>
public sealed class ScheduleOptions
{
    /// <summary>"constant" or "warmup_cosine".</summary>
    public string Type { get; set; } = "constant";

    public long WarmupSteps { get; set; }

    /// <summary>The learning rate warmup_cosine decays to.</summary>
    public double MinLr { get; set; }
}
