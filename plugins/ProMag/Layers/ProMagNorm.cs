using VideoPipe.Torch;

namespace VideoPipe.Plugins.ProMag.Layers;

/// <summary>
/// The normalisation of every ProMAG block: the paper's "custom norm" (GroupNorm with the mean subtraction removed,
/// y = x / sqrt(mean(x²) + eps)) or plain GroupNorm, with statistics per frame (causal) or over the clip, and an
/// optional per-channel affine. Statistics are taken in float32 whatever the compute dtype. A decoder norm may also
/// be modulated by the decoded latent (<see cref="LatentModulation"/>, keys modulation.*).
/// </summary>
public sealed class ProMagNorm : Module
{
    private readonly NormType type;
    private readonly NormStatistics statistics;
    private readonly long groups;
    private readonly double eps;
    private readonly Parameter? weight;
    private readonly Parameter? bias;

    /// <param name="latentModulated">Adds the decoder's adaptive modulation (decoder_adaptive_norm).</param>
    public ProMagNorm(long channels, ProMagConfig config, bool affine = true, bool latentModulated = false)
    {
        if (channels % config.NormGroups != 0)
        {
            throw new ArgumentException($"ProMAG norm: {config.NormGroups} groups do not divide {channels} channels");
        }

        (type, statistics, groups, eps) = (config.Norm, config.NormStatistics, config.NormGroups, config.NormEps);
        if (affine)
        {
            weight = Param("weight", channels);
            bias = Param("bias", channels);
        }

        if (latentModulated)
        {
            Modulation = Child("modulation", new LatentModulation(channels, config.LatentChannels));
        }
    }

    public LatentModulation? Modulation { get; }

    /// <summary>[B,C,T,H,W] → the same shape; a modulated norm needs the <paramref name="condition"/>.</summary>
    public Tensor Forward(Tensor x, LatentCondition? condition = null)
    {
        using var scope = DisposeScope.Enter();
        var (b, c, t, h, w) = (x.Size(0), x.Size(1), x.Size(2), x.Size(3), x.Size(4));
        var grouped = x.To(DType.Float32).Reshape(b, groups, c / groups, t, h, w);
        long[] dims = statistics == NormStatistics.Frame ? [2, 4, 5] : [2, 3, 4, 5];
        if (type == NormType.Group)
        {
            grouped = grouped - grouped.Mean(dims, keepDim: true);
        }

        var meanSquare = grouped.Square().Mean(dims, keepDim: true);
        var y = (grouped * (meanSquare + eps).Rsqrt()).Reshape(b, c, t, h, w).To(x.DType);
        if (weight is not null && bias is not null)
        {
            y = y * weight.Value.View(1, c, 1, 1, 1) + bias.Value.View(1, c, 1, 1, 1);
        }

        if (Modulation is not null)
        {
            y = Modulation.Forward(y, condition ?? throw new ArgumentException("a latent-modulated ProMAG norm needs the latent condition"));
        }

        return scope.Keep(y);
    }
}
