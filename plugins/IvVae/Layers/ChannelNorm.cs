using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Layers;

/// <summary>F.normalize over one dim: x / max(‖x‖₂, 1e-12) (no eps inside a square root).</summary>
internal static class ChannelNorm
{
    public const double Eps = 1e-12;

    public static Tensor L2Normalize(Tensor x, long dim)
    {
        using var scope = DisposeScope.Enter();
        var norm = x.Norm(2, [dim], keepDim: true).Clamp(min: Eps);
        return scope.Keep(x / norm);
    }
}
