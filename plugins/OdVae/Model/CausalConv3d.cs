using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae.Model;

/// <summary>
/// Upstream CausalConv3d: replicate frame 0 (kt - 1) times in front, zero-pad H and W by <c>padding</c>, then a
/// plain 3D convolution. The weights live in the child <c>conv</c> (keys conv.weight [Co, Ci, kt, kh, kw], conv.bias).
/// </summary>
public sealed class CausalConv3d : VideoConv
{
    public CausalConv3d(long inChannels, long outChannels, long[] kernel, long[] stride, long padding)
    {
        TemporalKernel = kernel[0];
        Conv = Child("conv", new Conv(3, inChannels, outChannels, kernel, stride, [0, padding, padding]));
    }

    public long TemporalKernel { get; }

    public Conv Conv { get; }

    public override Tensor Forward(Tensor video)
    {
        using var scope = DisposeScope.Enter();
        return scope.Keep(Conv.Forward(PadFront(video, TemporalKernel - 1)));
    }

    /// <summary>Prepends <paramref name="copies"/> copies of frame 0 along T (the causal padding).</summary>
    public static Tensor PadFront(Tensor video, long copies)
    {
        if (copies == 0)
        {
            return video;
        }

        using var first = video.Narrow(2, 0, 1);
        var shape = video.Shape.ToArray();
        shape[2] = copies;
        using var repeated = first.Expand(shape);
        return Tensor.Cat([repeated, video], 2);
    }
}
