using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Sdk;

/// <summary>How an image kernel fills the time axis of a causal 3D kernel when a video model starts from an image model.</summary>
public static class KernelInflation
{
    /// <summary>
    /// <paramref name="kernel"/> [O, I, 1, H, W] as a kernel of <paramref name="shape"/> [O, I, T, H, W] (float32):
    /// <see cref="InflationMode.Tail"/> at the last (current-frame) tap with zeros before, <see cref="InflationMode.Average"/>
    /// divided by T at every tap. Either way a single frame (replicated into the causal padding) sees the image kernel.
    /// </summary>
    public static Tensor Inflate(Tensor kernel, long[] shape, InflationMode mode)
    {
        using var scope = DisposeScope.Enter();
        var frames = shape[2];
        var single = kernel.To(DType.Float32);
        var inflated = mode switch
        {
            InflationMode.Tail => Tensor.Cat([Tensor.Zeros([shape[0], shape[1], frames - 1, shape[3], shape[4]]), single], 2),
            InflationMode.Average => single.Div(frames).Expand(shape).Contiguous(),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown inflation mode"),
        };
        return scope.Keep(inflated);
    }
}
