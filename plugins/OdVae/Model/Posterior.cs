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

    /// <summary>mean + std * <paramref name="noise"/> (noise is unit normal, shaped like the mean).</summary>
    public static Tensor Sample(Tensor moments, Tensor noise)
    {
        using var scope = DisposeScope.Enter();
        var mean = Mean(moments);
        if (!noise.Shape.SequenceEqual(mean.Shape))
        {
            throw new ArgumentException($"noise shape [{string.Join(", ", noise.Shape)}] does not match the latent [{string.Join(", ", mean.Shape)}]");
        }

        var std = LogVar(moments).MulInPlace(0.5).ExpInPlace();
        // Not in place: the mean may share storage with the moments.
        return scope.Keep(mean.Add(std.MulInPlace(noise)));
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
