using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Sdk;

/// <summary>
/// The diagonal Gaussian posterior's training math, out of place so autograd can record it: the
/// reparameterised sample and the KL divergence to the unit normal.
/// </summary>
public static class GaussianPosterior
{
    /// <summary>mean + exp(logVar / 2) · noise, with <paramref name="noise"/> unit normal and shaped like the mean.</summary>
    public static Tensor Sample(Tensor mean, Tensor logVar, Tensor noise)
    {
        if (!noise.Shape.SequenceEqual(mean.Shape))
        {
            throw new ArgumentException($"posterior noise [{string.Join(", ", noise.Shape)}] does not match the latent [{string.Join(", ", mean.Shape)}]");
        }

        using var scope = DisposeScope.Enter();
        return scope.Keep(mean + (logVar * 0.5).Exp() * noise);
    }

    /// <summary>The noise for a training forward: the given tensor, else unit normal drawn from the generator.</summary>
    public static Tensor Noise(Tensor mean, TrainingForwardOptions options)
    {
        if (options.PosteriorNoise is { } noise)
        {
            // a given tensor may be an inference tensor, which autograd cannot save for backward
            using var converted = noise.To(mean.DType, mean.Device);
            return converted.Clone();
        }

        var generator = options.Generator ?? throw new ArgumentException("a sampled training forward needs PosteriorNoise or a seeded Generator");
        return Tensor.Randn(generator, mean.Shape, mean.DType).To(mean.Device);
    }

    /// <summary>KL(N(mean, exp(logVar)) || N(0, 1)) summed over every dimension but the batch: one value per sample [B].</summary>
    public static Tensor KlDivergence(Tensor mean, Tensor logVar)
    {
        using var scope = DisposeScope.Enter();
        var perElement = (mean * mean + logVar.Exp() - 1.0 - logVar) * 0.5;
        var dims = Enumerable.Range(1, perElement.Dim - 1).Select(d => (long)d).ToArray();
        return scope.Keep(perElement.Sum(dims));
    }

    /// <summary>
    /// What an encode returns for <paramref name="mode"/>, as float32: the raw moments, the mean, the log-variance
    /// (null for a deterministic encoder, which allows only the first two), or a sample drawn from
    /// <paramref name="sampleGenerator"/> (on the CPU, then moved to the latent's device).
    /// </summary>
    public static Tensor Select(Tensor moments, Tensor mean, Tensor? logVar, PosteriorMode mode, Generator? sampleGenerator)
    {
        using var scope = DisposeScope.Enter();
        var result = mode switch
        {
            PosteriorMode.Moments => moments,
            PosteriorMode.Mean => mean,
            PosteriorMode.LogVar => logVar ?? throw NoVariance(mode),
            PosteriorMode.Sample => Sample(mean, logVar ?? throw NoVariance(mode), Noise(mean, sampleGenerator)),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown posterior mode"),
        };
        return scope.Keep(result.To(DType.Float32, copy: true));
    }

    /// <summary>The generator an encode with <paramref name="options"/> samples from: seeded by its Seed for Sample, else null.</summary>
    public static Generator? EncodeGenerator(EncodeOptions options) => options.Posterior == PosteriorMode.Sample
        ? new Generator(options.Seed ?? throw new ArgumentException("posterior sampling needs EncodeOptions.Seed"))
        : null;

    private static Tensor Noise(Tensor mean, Generator? generator) =>
        Tensor.Randn(generator ?? throw new ArgumentException("posterior sampling needs EncodeOptions.Seed"), mean.Shape, mean.DType).To(mean.Device);

    private static ArgumentException NoVariance(PosteriorMode mode) => new($"posterior mode {mode} needs a Gaussian posterior with a log-variance");
}
