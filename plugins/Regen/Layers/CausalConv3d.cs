using VideoPipe.Torch;

namespace VideoPipe.Plugins.Regen.Layers;

/// <summary>
/// 3-D convolution that never looks ahead in time: the front gets kt-1 copies of frame 0, space is
/// replicate-padded symmetrically. With time stride 2 it maps 1+2m frames to 1+m and output frame 0 sees only
/// input frame 0.
/// </summary>
public sealed class CausalConv3d : Module
{
    private readonly Conv conv;
    private readonly long timeKernel;
    private readonly long spacePad;

    public CausalConv3d(long inChannels, long outChannels, long kernel = 3, long timeStride = 1, long spaceStride = 1)
    {
        timeKernel = kernel;
        spacePad = (kernel - 1) / 2;
        conv = Child("conv", new Conv(3, inChannels, outChannels, [kernel, kernel, kernel], [timeStride, spaceStride, spaceStride]));
    }

    public Conv Conv => conv;

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Enter();
        var padded = timeKernel == 1 && spacePad == 0
            ? x
            : Functional.Pad(x, [spacePad, spacePad, spacePad, spacePad, timeKernel - 1, 0], PadMode.Replicate);
        return scope.Keep(conv.Forward(padded));
    }
}
