using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Layers;

/// <summary>Upstream's Downsample: a (1,3,3) stride-(1,2,2) causal conv, spatial padding 1 in the pad mode; ceil(n/2) out.</summary>
public sealed class SpatialDownsample : Module
{
    public SpatialDownsample(long channels, PadMode padMode)
    {
        Conv = Child("conv", new CausalConv3d(channels, channels, [1, 3, 3], [0, 1, 1], padMode, stride: [1, 2, 2]));
    }

    public CausalConv3d Conv { get; }

    public Tensor Forward(Tensor x) => Conv.Forward(x);
}
