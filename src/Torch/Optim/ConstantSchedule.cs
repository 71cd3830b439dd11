namespace VideoPipe.Torch.Optim;

/// <summary>The same learning rate at every step.</summary>
public sealed record ConstantSchedule(double LearningRate) : ILearningRateSchedule
{
    public double At(long step) => LearningRate;
}
