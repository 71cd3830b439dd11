using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Sdk;

/// <summary>
/// A card's latent scaling applied the one way every family applies it (diffusers' convention): an encode's latent
/// is (z − shift)·scale, a decode's input goes back as z / scale + shift, and a log-variance moves by 2·ln|scale|.
/// The caller owns the results.
/// </summary>
public static class LatentScale
{
    public static Tensor Apply(Tensor z, LatentScaling scaling)
    {
        if (scaling.Shift == 0)
        {
            return z.Mul(scaling.Scale);
        }

        using var shifted = z - scaling.Shift;
        return shifted * scaling.Scale;
    }

    public static Tensor Remove(Tensor latent, LatentScaling scaling)
    {
        if (scaling.Shift == 0)
        {
            return latent.Div(scaling.Scale);
        }

        using var unscaled = latent / scaling.Scale;
        return unscaled + scaling.Shift;
    }

    /// <summary>log Var[scale·(z − shift)] = logvar + 2·ln|scale|.</summary>
    public static Tensor ApplyToLogVar(Tensor logVar, LatentScaling scaling) => logVar + 2 * Math.Log(Math.Abs(scaling.Scale));
}
