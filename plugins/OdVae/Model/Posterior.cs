using VideoPipe.Plugins.Sdk;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae.Model;

/// <summary>
/// Upstream DiagonalGaussianDistribution over the moments [B, 2c, ...]: mean = first c channels, logvar = last c
/// clamped to [-30, 20]; a sample is mean + exp(logvar / 2) * eps.
/// </summary>
public static class Posterior
{
    public const double LogVarMin = -30.0;
    public const double LogVarMax = 20.0;

    public static Tensor Mean(Tensor moments)
    {
        using var view = moments.Narrow(1, 0, moments.Size(1) / 2);
        return view.Contiguous();
    }

    public static Tensor LogVar(Tensor moments)
    {
        var half = moments.Size(1) / 2;
        using var view = moments.Narrow(1, half, half);
        return view.Clamp(LogVarMin, LogVarMax);
    }

    /// <summary>The SDK's reparameterised sample, mean + std * <paramref name="noise"/> (unit normal, shaped like the mean), over the clamped log-variance.</summary>
    public static Tensor Sample(Tensor moments, Tensor noise)
    {
        using var mean = Mean(moments);
        using var logVar = LogVar(moments);
        return GaussianPosterior.Sample(mean, logVar, noise);
    }

    /// <summary>A sample with unit-normal noise drawn from <paramref name="seed"/>.</summary>
    public static Tensor Sample(Tensor moments, ulong seed)
    {
        using var generator = new Generator(seed, moments.Device);
        var shape = moments.Shape.ToArray();
        shape[1] /= 2;
        using var noise = Tensor.Randn(generator, shape, moments.DType);
        return Sample(moments, noise);
    }
}
