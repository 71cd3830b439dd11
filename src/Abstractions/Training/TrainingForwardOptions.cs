using VideoPipe.Torch;

namespace VideoPipe.Abstractions;

/// <summary>How a training forward draws its randomness.</summary>
public sealed record TrainingForwardOptions
{
    /// <summary>Unit-normal noise for the posterior sample z = mean + std·noise (parity cases pass the golden noise).</summary>
    public Tensor? PosteriorNoise { get; init; }

    /// <summary>Draws the posterior noise (and any other training noise) when no tensor is given; seeded by the trainer.</summary>
    public Generator? Generator { get; init; }

    /// <summary>Sample the posterior (true, the usual VAE objective) or use its mean.</summary>
    public bool SamplePosterior { get; init; } = true;
}
