using VideoPipe.Torch;

namespace VideoPipe.Plugins.Regen.Layers;

/// <summary>MAGVIT-v2 residual block: (FrameGroupNorm → SiLU → ReplicateCausalConv3d) twice, 1x1x1 conv on the skip when widths differ.</summary>
public sealed class CausalResBlock : Module
{
    private readonly FrameGroupNorm norm1;
    private readonly ReplicateCausalConv3d conv1;
    private readonly FrameGroupNorm norm2;
    private readonly ReplicateCausalConv3d conv2;
    private readonly ReplicateCausalConv3d? skip;

    public CausalResBlock(long inChannels, long outChannels, long groups)
    {
        norm1 = Child("norm1", new FrameGroupNorm(groups, inChannels));
        conv1 = Child("conv1", new ReplicateCausalConv3d(inChannels, outChannels));
        norm2 = Child("norm2", new FrameGroupNorm(groups, outChannels));
        conv2 = Child("conv2", new ReplicateCausalConv3d(outChannels, outChannels));
        if (inChannels != outChannels)
        {
            skip = Child("skip", new ReplicateCausalConv3d(inChannels, outChannels, kernel: 1));
        }
    }

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Enter();
        var h = conv1.Forward(norm1.Forward(x).Silu());
        h = conv2.Forward(norm2.Forward(h).Silu());
        return scope.Keep(h + (skip?.Forward(x) ?? x));
    }
}
