using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Layers;

/// <summary>
/// Upstream <c>RMS_norm(images=True)</c> (key gamma [c,1,1]): x / max(‖x‖₂ over channels, 1e-12) · sqrt(c) · gamma,
/// applied here to a (B, c, T, H, W) map (each frame independently, as upstream's per-frame fold).
/// </summary>
public sealed class ImageRmsNorm : Module
{
    public ImageRmsNorm(long channels)
    {
        Channels = channels;
        Gamma = Param("gamma", channels, 1, 1);
    }

    public long Channels { get; }

    public Parameter Gamma { get; }

    public Tensor Forward(Tensor x) => ChannelNorm.NormalizeAndScale(x, Gamma.Value, 1, Channels, silu: false);
}
