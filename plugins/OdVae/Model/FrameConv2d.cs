using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae.Model;

/// <summary>
/// nn.Conv2d applied to every frame independently (upstream's video_to_image). Keys: weight [Co, Ci, k, k], bias.
/// Runs as a 3D convolution with a depth-1 kernel, which is the same per-frame sum without moving T next to B.
/// </summary>
public sealed class FrameConv2d : VideoConv
{
    private readonly long stride;
    private readonly long padding;

    public FrameConv2d(long inChannels, long outChannels, long kernel, long stride = 1, long padding = 0)
    {
        this.stride = stride;
        this.padding = padding;
        Weight = Param("weight", outChannels, inChannels, kernel, kernel);
        Bias = Param("bias", outChannels);
    }

    public Parameter Weight { get; }

    public Parameter Bias { get; }

    public override Tensor Forward(Tensor video)
    {
        using var w = Weight.Value.Unsqueeze(2);
        return Functional.Conv(video, w, Bias.Value, [1, stride, stride], [0, padding, padding], [1, 1, 1]);
    }
}
