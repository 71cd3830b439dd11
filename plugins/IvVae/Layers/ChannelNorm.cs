using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Layers;

/// <summary>F.normalize over one dim: x / max(‖x‖₂, 1e-12) (no eps inside a square root).</summary>
internal static class ChannelNorm
{
    public const double Eps = 1e-12;

    /// <summary>1 / max(‖x‖₂ over <paramref name="dim"/>, 1e-12), kept as a size-1 dim (small: one value per position).</summary>
    public static Tensor InverseNorm(Tensor x, long dim)
    {
        using var scope = DisposeScope.Enter();
        var norm = x.Norm(2, [dim], keepDim: true).Clamp(min: Eps);
        return scope.Keep(norm.Reciprocal());
    }

    /// <summary>x / max(‖x‖₂, 1e-12) · scale, with scale broadcast over x (two passes over x instead of three).</summary>
    public static Tensor NormalizeAndScale(Tensor x, long dim, Tensor scale)
    {
        using var scope = DisposeScope.Enter();
        var normalized = x * InverseNorm(x, dim);
        return scope.Keep(normalized.MulInPlace(scale));
    }
}
