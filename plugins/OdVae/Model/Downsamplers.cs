using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae.Model;

/// <summary>The encoder's spatial (and joint space-time) 2x down-samplers, chosen by upstream class name.</summary>
public abstract class VideoDownsampler : Module
{
    public abstract Tensor Forward(Tensor video);

    public static VideoDownsampler Create(string kind, long channels) => kind switch
    {
        OdVaeBlockNames.Downsample => new FrameDownsample(channels),
        OdVaeBlockNames.SpatialDownsample2x => new CausalDownsample(channels, temporalKernel: 1, temporalStride: 1),
        OdVaeBlockNames.Spatial2xTime2x3DDownsample => new CausalDownsample(channels, temporalKernel: 3, temporalStride: 2),
        _ => throw new NotSupportedException($"unknown down-sampler class '{kind}'"),
    };

    /// <summary>Zero-pads one column on the right and one row at the bottom of every frame (asymmetric).</summary>
    public static Tensor PadRightBottom(Tensor video) => Functional.Pad(video, [0, 1, 0, 1]);
}

/// <summary>Upstream Downsample: per-frame Conv2d 3x3 stride 2 after right/bottom zero padding (key conv.weight 4-D).</summary>
public sealed class FrameDownsample : VideoDownsampler
{
    public FrameDownsample(long channels) => Conv = Child("conv", new FrameConv2d(channels, channels, 3, stride: 2, padding: 0));

    public FrameConv2d Conv { get; }

    public override Tensor Forward(Tensor video)
    {
        using var padded = PadRightBottom(video);
        return Conv.Forward(padded);
    }
}

/// <summary>
/// Upstream Spatial2xTime2x3DDownsample (k = 3, stride 2 in T, H, W) or SpatialDownsample2x (k = (1, 3, 3),
/// stride (1, 2, 2)): right/bottom zero padding first, then the causal conv (which replicates the padded frame 0).
/// </summary>
public sealed class CausalDownsample : VideoDownsampler
{
    public CausalDownsample(long channels, long temporalKernel, long temporalStride) =>
        Conv = Child("conv", new CausalConv3d(channels, channels, [temporalKernel, 3, 3], [temporalStride, 2, 2], padding: 0));

    public CausalConv3d Conv { get; }

    public override Tensor Forward(Tensor video)
    {
        using var padded = PadRightBottom(video);
        return Conv.Forward(padded);
    }
}
