using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae.Model;

/// <summary>The decoder's spatial (and joint space-time) 2x up-samplers, chosen by upstream class name.</summary>
public abstract class VideoUpsampler : Module
{
    protected VideoUpsampler(long channels, long temporalKernel) =>
        Conv = Child("conv", new CausalConv3d(channels, channels, [temporalKernel, 3, 3], [1, 1, 1], padding: 1));

    public CausalConv3d Conv { get; }

    public abstract Tensor Forward(Tensor video);

    public static VideoUpsampler Create(string kind, long channels) => kind switch
    {
        OdVaeBlockNames.SpatialUpsample2x => new NearestSpatialUpsample(channels),
        OdVaeBlockNames.Spatial2xTime2x3DUpsample => new LinearSpaceTimeUpsample(channels),
        _ => throw new NotSupportedException($"unknown up-sampler class '{kind}'"),
    };
}

/// <summary>Upstream SpatialUpsample2x: nearest 2x on H and W of every frame, then a (1, 3, 3) causal conv.</summary>
public sealed class NearestSpatialUpsample : VideoUpsampler
{
    public NearestSpatialUpsample(long channels) : base(channels, temporalKernel: 1)
    {
    }

    public override Tensor Forward(Tensor video)
    {
        using var up = Functional.Interpolate(video, [1.0, 2.0, 2.0], InterpolationMode.Nearest);
        return Conv.Forward(up);
    }
}

/// <summary>
/// Upstream Spatial2xTime2x3DUpsample: frame 0 is upsampled 2x in H and W only; frames 1.. are upsampled 2x in T, H
/// and W among themselves (trilinear, align_corners = False), so T -> 2T - 1; then a 3x3x3 causal conv.
/// </summary>
public sealed class LinearSpaceTimeUpsample : VideoUpsampler
{
    public LinearSpaceTimeUpsample(long channels) : base(channels, temporalKernel: 3)
    {
    }

    public override Tensor Forward(Tensor video)
    {
        using var up = Interpolate(video);
        return Conv.Forward(up);
    }

    /// <summary>The interpolation alone (exposed for tests).</summary>
    public static Tensor Interpolate(Tensor video)
    {
        var frames = video.Size(2);
        if (frames == 1)
        {
            return Functional.Interpolate(video, [1.0, 2.0, 2.0], InterpolationMode.Trilinear);
        }

        using var first = video.Narrow(2, 0, 1);
        using var rest = video.Narrow(2, 1, frames - 1);
        using var restUp = Functional.Interpolate(rest, [2.0, 2.0, 2.0], InterpolationMode.Trilinear);
        using var firstUp = Functional.Interpolate(first, [1.0, 2.0, 2.0], InterpolationMode.Trilinear);
        return Tensor.Cat([firstUp, restUp], 2);
    }
}
