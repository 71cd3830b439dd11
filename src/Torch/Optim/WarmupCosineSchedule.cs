namespace VideoPipe.Torch.Optim;

/// <summary>
/// Linear warmup from 0 to <see cref="PeakLearningRate"/> over <see cref="WarmupSteps"/>, then cosine decay to
/// <see cref="MinLearningRate"/> at <see cref="TotalSteps"/> (held there after).
/// </summary>
public sealed record WarmupCosineSchedule : ILearningRateSchedule
{
    public WarmupCosineSchedule(double peakLearningRate, long warmupSteps, long totalSteps, double minLearningRate = 0)
    {
        if (warmupSteps < 0 || totalSteps < 1 || warmupSteps > totalSteps)
        {
            throw new ArgumentException($"warmup + cosine needs 0 <= warmup steps ({warmupSteps}) <= total steps ({totalSteps}) and total >= 1");
        }

        if (!(peakLearningRate >= minLearningRate && minLearningRate >= 0))
        {
            throw new ArgumentException($"warmup + cosine needs peak learning rate ({peakLearningRate}) >= minimum ({minLearningRate}) >= 0");
        }

        (PeakLearningRate, WarmupSteps, TotalSteps, MinLearningRate) = (peakLearningRate, warmupSteps, totalSteps, minLearningRate);
    }

    public double PeakLearningRate { get; }

    public long WarmupSteps { get; }

    public long TotalSteps { get; }

    public double MinLearningRate { get; }

    public double At(long step)
    {
        if (step <= WarmupSteps)
        {
            return PeakLearningRate * step / Math.Max(1, WarmupSteps);
        }

        var progress = Math.Min(1.0, (double)(step - WarmupSteps) / Math.Max(1, TotalSteps - WarmupSteps));
        return MinLearningRate + (PeakLearningRate - MinLearningRate) * 0.5 * (1 + Math.Cos(Math.PI * progress));
    }
}
