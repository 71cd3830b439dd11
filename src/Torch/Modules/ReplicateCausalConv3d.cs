namespace VideoPipe.Torch;

/// <summary>
/// 3-D convolution that never looks ahead in time: the front gets kt-1 copies of frame 0, space is
/// replicate-padded symmetrically. With time stride 2 it maps 1+2m frames to 1+m and output frame 0 sees only
/// input frame 0. Padding is built by concatenation: libtorch 1.13 has no bfloat16 replication_pad3d on CPU.
/// </summary>
public sealed class ReplicateCausalConv3d : Module
{
    private readonly Conv conv;
    private readonly long timeKernel;
    private readonly long spacePad;

    public ReplicateCausalConv3d(long inChannels, long outChannels, long kernel = 3, long timeStride = 1, long spaceStride = 1)
    {
        timeKernel = kernel;
        spacePad = (kernel - 1) / 2;
        conv = Child("conv", new Conv(3, inChannels, outChannels, [kernel, kernel, kernel], [timeStride, spaceStride, spaceStride]));
    }

    public Conv Conv => conv;

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Enter();
        var padded = Repeat(x, 2, timeKernel - 1, 0);
        padded = Repeat(padded, 3, spacePad, spacePad);
        padded = Repeat(padded, 4, spacePad, spacePad);
        return scope.Keep(conv.Forward(padded));
    }

    /// <summary>Replicate padding of one dimension: <paramref name="before"/> copies of the first slice, <paramref name="after"/> of the last.</summary>
    private static Tensor Repeat(Tensor x, int dim, long before, long after)
    {
        if (before == 0 && after == 0)
        {
            return x;
        }

        var parts = new List<Tensor>();
        var size = x.Size(dim);
        if (before > 0)
        {
            parts.Add(Edge(x, dim, 0, before));
        }

        parts.Add(x);
        if (after > 0)
        {
            parts.Add(Edge(x, dim, size - 1, after));
        }

        return Tensor.Cat(parts, dim);
    }

    private static Tensor Edge(Tensor x, int dim, long index, long copies)
    {
        var shape = x.Shape;
        shape[dim] = copies;
        return x.Narrow(dim, index, 1).Expand(shape);
    }
}
