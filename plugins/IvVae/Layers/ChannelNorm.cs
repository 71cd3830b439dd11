using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Layers;

/// <summary>
/// F.normalize over each channel group, x / max(‖x‖₂, 1e-12) (no eps inside a square root), times sqrt(group
/// width) · gamma per channel, optionally followed by SiLU: one fused native call in float32.
/// </summary>
internal static class ChannelNorm
{
    public const double Eps = 1e-12;

    /// <param name="x">(B, groups · width, ...).</param>
    /// <param name="gamma">One value per channel, any shape.</param>
    public static Tensor NormalizeAndScale(Tensor x, Tensor gamma, long groups, long width, bool silu)
    {
        using var scale = (gamma * Math.Sqrt(width)).Reshape(-1);
        return Functional.ChannelRmsNorm(x, scale, groups, Eps, silu);
    }
}
