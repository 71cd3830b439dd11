using VideoPipe.Abstractions;
using VideoPipe.Plugins.Sdk;
using VideoPipe.Plugins.IvVae.Model;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Streaming;

/// <summary>
/// Turns streamed posteriors into what encode returns (mean by default; sample, log-variance or moments on
/// request), applying scale·(z − shift) once when <c>Scaled</c>. Samples draw unit noise one latent frame at a
/// time from Generator(seed) (or take it from an explicit tensor), so streamed and whole-clip samples agree.
/// </summary>
internal sealed class LatentFormatter : IDisposable
{
    private readonly PosteriorMode mode;
    private readonly bool scaled;
    private readonly LatentScaling scaling;
    private readonly Tensor? explicitNoise;
    private readonly Generator? generator;
    private long latentOffset;

    public LatentFormatter(EncodeOptions options, LatentScaling scaling, Tensor? explicitNoise = null)
    {
        mode = options.Posterior;
        scaled = options.Scaled;
        this.scaling = scaling;
        this.explicitNoise = explicitNoise;
        if (mode == PosteriorMode.Sample && explicitNoise is null)
        {
            var seed = options.Seed ?? throw new ArgumentException("ivvae encode with posterior 'sample' needs a seed (EncodeOptions.Seed)");
            generator = new Generator(seed);
        }
    }

    public Tensor Format(Posterior posterior)
    {
        using var scope = DisposeScope.Enter();
        var frames = posterior.Mean.Size(2);
        var result = mode switch
        {
            PosteriorMode.Mean => Scale(posterior.Mean),
            PosteriorMode.Sample => Scale(posterior.Sample(Noise(posterior.Mean.Shape).To(posterior.Mean.Device))),
            PosteriorMode.LogVar => ScaleLogVar(posterior.LogVar),
            PosteriorMode.Moments => Tensor.Cat([Scale(posterior.Mean), ScaleLogVar(posterior.LogVar)], 1),
            _ => throw new ArgumentOutOfRangeException(nameof(posterior), mode, "unknown posterior mode"),
        };
        latentOffset += frames;
        return scope.Keep(result);
    }

    private Tensor Scale(Tensor z) => scaled ? LatentScale.Apply(z, scaling) : z.Clone();

    private Tensor ScaleLogVar(Tensor logVar) => scaled ? LatentScale.ApplyToLogVar(logVar, scaling) : logVar.Clone();

    /// <summary>Unit noise on the CPU (the seeded generator lives there), float32.</summary>
    private Tensor Noise(long[] shape)
    {
        var frames = shape[2];
        if (explicitNoise is not null)
        {
            if (explicitNoise.Dim != 5 || explicitNoise.Size(2) < latentOffset + frames)
            {
                throw new ArgumentException($"posterior noise [{string.Join(", ", explicitNoise.Shape)}] does not cover latent frames up to {latentOffset + frames}");
            }

            return explicitNoise.Narrow(2, latentOffset, frames).To(DType.Float32);
        }

        var perFrame = new List<Tensor>();
        for (var i = 0; i < frames; i++)
        {
            perFrame.Add(Tensor.Randn(generator!, [shape[0], shape[1], 1, shape[3], shape[4]]));
        }

        return Tensor.Cat(perFrame, 2);
    }

    public void Dispose() => generator?.Dispose();
}
