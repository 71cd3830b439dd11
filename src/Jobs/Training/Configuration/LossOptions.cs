namespace VideoPipe.Jobs.Training;

/// <summary>Loss terms and their weights (0 turns a term off).</summary>
public sealed class LossOptions
{
    public double L1 { get; set; } = 1.0;

    public double Mse { get; set; }

    /// <summary>Weight of the posterior's KL divergence (summed per sample, averaged over the batch).</summary>
    public double Kl { get; set; } = 1e-6;

    public double Ssim { get; set; }

    public double HighFrequency { get; set; }

    public int HighFrequencyLevels { get; set; } = 2;

    /// <summary>The optional GAN term; null trains without a discriminator.</summary>
    public AdversarialOptions? Adversarial { get; set; }
}
