using VideoPipe.Torch;

namespace VideoPipe.Abstractions;

/// <summary>
/// What a family's training forward produced. Every tensor belongs to the caller and carries the autograd graph.
/// </summary>
public sealed class TrainingForward : IDisposable
{
    /// <summary>The decoded video [B,3,T,H,W] in [-1,1] scale, or null for families whose decoder is trained by its own loss.</summary>
    public Tensor? Reconstruction { get; init; }

    /// <summary>Posterior mean [B,C,t,h,w] (null for families without a Gaussian posterior).</summary>
    public Tensor? PosteriorMean { get; init; }

    /// <summary>Posterior log-variance, clamped as the family's posterior clamps it.</summary>
    public Tensor? PosteriorLogVar { get; init; }

    /// <summary>Loss terms the family computes itself (e.g. "diffusion"), each a scalar, added to the trainer's total with weight 1.</summary>
    public IReadOnlyDictionary<string, Tensor> FamilyLosses { get; init; } = new Dictionary<string, Tensor>();

    public void Dispose()
    {
        Reconstruction?.Dispose();
        PosteriorMean?.Dispose();
        PosteriorLogVar?.Dispose();
        foreach (var loss in FamilyLosses.Values)
        {
            loss.Dispose();
        }
    }
}
