using VideoPipe.Torch;

namespace VideoPipe.Plugins.ProMag.Layers;

/// <summary>
/// What the decoder's adaptive norm is conditioned on (decoder_adaptive_norm): per latent frame, the mean and the
/// standard deviation of each latent channel over (h, w), [B, 2·C_z, T_z, 1, 1] in float32, and the causal map from
/// a decoder layer's 1 + r·(T_z − 1) frames to the latent frames: frame 0 reads latent frame 0, frame f > 0 latent
/// frame ⌈f / r⌉, the one that covers it (as the encoder's growth alignment), so no decoded frame sees a later latent.
/// Being per channel and frame, it commutes with spatial tiles.
/// </summary>
public sealed class LatentCondition
{
    private LatentCondition(Tensor statistics) => Statistics = statistics;

    /// <summary>[B, 2·C_z, T_z, 1, 1]: the channel means, then the channel standard deviations.</summary>
    public Tensor Statistics { get; }

    /// <summary>
    /// The statistics of latents [B,C_z,T_z,h,w], owned by the caller's dispose scope. The deviation is
    /// sqrt(var + eps): a flat frame (a 1x1 latent) would otherwise give sqrt's infinite gradient at 0.
    /// </summary>
    public static LatentCondition Of(Tensor latents, double eps)
    {
        using var scope = DisposeScope.Enter();
        var z = latents.To(DType.Float32);
        var mean = z.Mean([3, 4], keepDim: true);
        var deviation = ((z - mean).Square().Mean([3, 4], keepDim: true) + eps).Sqrt();
        return new LatentCondition(scope.Keep(Tensor.Cat([mean, deviation], 1)));
    }

    /// <summary>Per-latent-frame values [B,X,T_z,…] → the same at a layer of <paramref name="frames"/> = 1 + r·(T_z − 1) frames.</summary>
    public Tensor AtFrames(Tensor perLatentFrame, long frames)
    {
        var latentFrames = Statistics.Size(2);
        var steps = latentFrames - 1;
        if (frames < 1 || (steps == 0 ? frames != 1 : (frames - 1) % steps != 0))
        {
            throw new ArgumentException($"a decoder layer of {frames} frames is not 1 + r·{steps} frames of a {latentFrames}-frame latent");
        }

        if (frames == latentFrames)
        {
            return perLatentFrame;
        }

        var ratio = (frames - 1) / steps;
        using var scope = DisposeScope.Enter();
        var index = new long[frames];
        for (long f = 1; f < frames; f++)
        {
            index[f] = (f + ratio - 1) / ratio;
        }

        using var indices = Tensor.FromArray(index, frames);
        return scope.Keep(perLatentFrame.IndexSelect(2, indices.To(perLatentFrame.Device)));
    }
}
