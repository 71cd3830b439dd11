using VideoPipe.Torch;

namespace VideoPipe.Plugins.ProMag.Layers;

/// <summary>MAGVIT-v2 residual block: (norm → SiLU → causal 3x3x3 conv) twice, a 1x1x1 conv on the skip when widths differ.</summary>
public sealed class ProMagResBlock : Module
{
    private readonly ProMagNorm norm1;
    private readonly ReplicateCausalConv3d conv1;
    private readonly ProMagNorm norm2;
    private readonly ReplicateCausalConv3d conv2;
    private readonly ReplicateCausalConv3d? skip;

    /// <param name="latentModulated">Both norms take the decoder's adaptive modulation (decoder_adaptive_norm).</param>
    public ProMagResBlock(long inChannels, long outChannels, ProMagConfig config, bool latentModulated = false)
    {
        norm1 = Child("norm1", new ProMagNorm(inChannels, config, latentModulated: latentModulated));
        conv1 = Child("conv1", new ReplicateCausalConv3d(inChannels, outChannels));
        norm2 = Child("norm2", new ProMagNorm(outChannels, config, latentModulated: latentModulated));
        conv2 = Child("conv2", new ReplicateCausalConv3d(outChannels, outChannels));
        if (inChannels != outChannels)
        {
            skip = Child("skip", new ReplicateCausalConv3d(inChannels, outChannels, kernel: 1));
        }
    }

    /// <summary>The residual branch's last convolution (zeroed, the block starts as the identity).</summary>
    public ReplicateCausalConv3d LastConv => conv2;

    public IEnumerable<ProMagNorm> Norms => [norm1, norm2];

    public Tensor Forward(Tensor x, SpatialTiling? tiling = null, LatentCondition? condition = null)
    {
        var t = tiling ?? SpatialTiling.None;
        using var scope = DisposeScope.Enter();
        var h = t.Conv(conv1, norm1.Forward(x, condition).Silu());
        h = t.Conv(conv2, norm2.Forward(h, condition).Silu());
        return scope.Keep(h + (skip is null ? x : t.Conv(skip, x)));
    }
}
