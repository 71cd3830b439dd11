using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Layers;

/// <summary>Upstream <c>Sep_Conv2d</c> / <c>Sep_Conv2d_dilated</c> (keys conv.*): one per-frame conv over both halves.</summary>
public sealed class MixedConv2d : Module
{
    public MixedConv2d(long inChannels, long outChannels, long kernel, long padding = 0, long dilation = 1)
    {
        Conv = Child("conv", new FrameConv2d(inChannels, outChannels, kernel, padding, dilation: dilation));
    }

    public FrameConv2d Conv { get; }

    public Tensor Forward(Tensor x) => Conv.Forward(x);
}
