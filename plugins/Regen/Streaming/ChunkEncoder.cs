using VideoPipe.Abstractions;
using VideoPipe.Plugins.Sdk;
using VideoPipe.Plugins.Regen.Model;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Regen.Streaming;

/// <summary>
/// The encode rule shared by whole-clip encode and sessions: latent 0 is frame 0 encoded alone (z_c, which causality
/// makes equal to the first output of any chunk starting there); every later latent is the z_m of one chunk of 1+k
/// frames that starts on the previous chunk's last frame. Chunks are independent, so streaming is exact.
/// </summary>
internal sealed class ChunkEncoder : IDisposable
{
    private readonly RegenModel model;
    private readonly PosteriorMode mode;
    private readonly Generator? sampleGenerator;

    public ChunkEncoder(RegenModel model, EncodeOptions options)
    {
        this.model = model;
        mode = options.Posterior;
        if (!model.Config.GaussianPosterior && mode is PosteriorMode.LogVar or PosteriorMode.Sample)
        {
            throw new ArgumentException($"posterior mode {mode} needs a Gaussian posterior (gaussian_posterior is false)");
        }

        sampleGenerator = GaussianPosterior.EncodeGenerator(options);
    }

    public int Ratio => model.Config.TemporalRatio;

    /// <summary>Latent 0 from frame 0 [B,3,1,H,W].</summary>
    public Tensor First(Tensor frame) => Select(model.Encoder.Forward(frame));

    /// <summary>The motion latent of one chunk [B,3,1+k,H,W].</summary>
    public Tensor Motion(Tensor chunk)
    {
        using var scope = DisposeScope.Enter();
        return scope.Keep(Select(model.Encoder.Forward(chunk).Narrow(2, 1, 1)));
    }

    /// <summary>The clip's frame rule, 1 + k·n.</summary>
    public FrameRule Rule => new(1, Ratio);

    /// <summary>Frames [B,3,T,H,W] with T = 1 + k·n (pad first) → latents [B,C,1+n,h,w].</summary>
    public Tensor Whole(Tensor video)
    {
        using var scope = DisposeScope.Enter();
        var latents = new List<Tensor> { First(video.Narrow(2, 0, 1)) };
        for (long start = 0; start + Ratio < video.Size(2); start += Ratio)
        {
            latents.Add(Motion(video.Narrow(2, start, Ratio + 1)));
        }

        return scope.Keep(latents.Count == 1 ? latents[0] : Tensor.Cat(latents, 2));
    }

    private Tensor Select(Tensor moments)
    {
        using var scope = DisposeScope.Enter();
        var (mean, logVar) = model.SplitMoments(moments);
        return scope.Keep(GaussianPosterior.Select(moments, mean, logVar, mode, sampleGenerator));
    }

    public void Dispose() => sampleGenerator?.Dispose();
}
