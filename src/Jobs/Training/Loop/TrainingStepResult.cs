namespace VideoPipe.Jobs.Training;

/// <summary>What one optimizer step measured: loss terms averaged over micro-batches ("loss" is their sum).</summary>
public sealed record TrainingStepResult(bool Finite, IReadOnlyDictionary<string, double> Terms, double LearningRate, double GradientNorm);
