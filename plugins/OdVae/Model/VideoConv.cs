using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae.Model;

/// <summary>A convolution over video tensors [B, C, T, H, W]: per-frame 2D or causal 3D.</summary>
public abstract class VideoConv : Module
{
    public abstract Tensor Forward(Tensor video);

    /// <summary>Builds the upstream class named <paramref name="kind"/> (Conv2d or CausalConv3d) with a cubic kernel.</summary>
    public static VideoConv Create(string kind, long inChannels, long outChannels, int kernel, int padding) => kind switch
    {
        OdVaeBlockNames.Conv2d => new FrameConv2d(inChannels, outChannels, kernel, stride: 1, padding: padding),
        OdVaeBlockNames.CausalConv3d => new CausalConv3d(inChannels, outChannels, [kernel, kernel, kernel], [1, 1, 1], padding),
        _ => throw new NotSupportedException($"unknown convolution class '{kind}'"),
    };
}
