namespace VideoPipe.Torch.Losses;

/// <summary>How a per-element loss becomes a scalar.</summary>
public enum LossReduction
{
    /// <summary>Mean over every element (torch's default).</summary>
    Mean,

    /// <summary>Sum over every element.</summary>
    Sum,

    /// <summary>Sum over every element divided by the batch size (dimension 0), as Open-Sora-Plan's VAE losses reduce.</summary>
    SumOverBatch,
}
