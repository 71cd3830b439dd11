using VideoPipe.Abstractions;
using VideoPipe.Plugins.Sdk;
using VideoPipe.Torch;
using VideoPipe.Torch.Losses;

namespace VideoPipe.Jobs.Training;

/// <summary>
/// The weighted loss terms of one training forward: reconstruction (l1, mse, ssim, high_frequency) summed into one
/// tensor the adversarial weight compares against, the KL, and the family's own terms.
/// </summary>
public static class ReconstructionLosses
{
    /// <summary>
    /// Weighted terms (tensors with graphs, in the current scope) keyed by name, and the reconstruction sum (null for a
    /// family whose forward has no reconstruction, e.g. a diffusion decoder trained by its own loss alone).
    /// </summary>
    public static (Dictionary<string, Tensor> Terms, Tensor? Reconstruction) Compute(LossOptions weights, TrainingForward forward, Tensor target)
    {
        var terms = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        Tensor? reconstructionSum = null;
        void Add(string name, Tensor term, bool reconstruction)
        {
            terms[name] = term;
            if (reconstruction)
            {
                reconstructionSum = reconstructionSum is null ? term : reconstructionSum + term;
            }
        }

        var pixelWeights = weights.L1 + weights.Mse + weights.Ssim + weights.HighFrequency;
        if (forward.Reconstruction is null && (pixelWeights > 0 || weights.Adversarial is not null))
        {
            throw new InvalidOperationException(
                "the family's training forward gives no reconstruction (its decoder trains by its own loss): set losses.l1, mse, ssim and high_frequency to 0 and leave out losses.adversarial");
        }

        if (forward.Reconstruction is { } recon)
        {
            if (weights.L1 > 0)
            {
                Add("l1", PixelLosses.L1(recon, target) * weights.L1, true);
            }

            if (weights.Mse > 0)
            {
                Add("mse", PixelLosses.Mse(recon, target) * weights.Mse, true);
            }

            if (weights.Ssim > 0)
            {
                Add("ssim", StructuralSimilarity.Loss(recon, target) * weights.Ssim, true);
            }

            if (weights.HighFrequency > 0)
            {
                Add("high_frequency", HighFrequencyLoss.Loss(recon, target, weights.HighFrequencyLevels) * weights.HighFrequency, true);
            }
        }

        if (weights.Kl > 0 && forward.PosteriorMean is { } mean && forward.PosteriorLogVar is { } logVar)
        {
            Add("kl", PixelLosses.Reduce(GaussianPosterior.KlDivergence(mean, logVar), LossReduction.Mean) * weights.Kl, false);
        }

        foreach (var (name, term) in forward.FamilyLosses)
        {
            Add(name, term, false);
        }

        if (terms.Count == 0)
        {
            throw new InvalidOperationException("no loss term applies to this family's training forward: give a pixel loss weight or use a family with its own loss");
        }

        return (terms, reconstructionSum);
    }
}
