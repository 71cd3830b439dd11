namespace VideoPipe.Torch.Optim;

/// <summary>The learning rate of each step, a pure function of the step (so a resumed run continues it exactly).</summary>
public interface ILearningRateSchedule
{
    /// <summary>The learning rate for step <paramref name="step"/> (counted from 1).</summary>
    double At(long step);
}
