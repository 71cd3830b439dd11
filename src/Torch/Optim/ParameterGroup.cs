namespace VideoPipe.Torch.Optim;

/// <summary>
/// Parameters that share hyperparameters (torch's param_groups): a null value means the optimizer's default. The
/// usual split is one group with weight decay and one without (biases, norm scales).
/// </summary>
public sealed record ParameterGroup(IReadOnlyList<Tensor> Parameters)
{
    public double? WeightDecay { get; init; }

    /// <summary>Multiplies the optimizer's (scheduled) learning rate for this group.</summary>
    public double LearningRateScale { get; init; } = 1.0;
}
