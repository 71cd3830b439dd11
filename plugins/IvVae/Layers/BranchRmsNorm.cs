using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Layers;

/// <summary>
/// Upstream <c>Sep_RMS_norm</c> (key gamma [2c,1,1,1]): each half of a 2c map is L2-normalised over its own c
/// channels, then scaled by sqrt(c) (the half width) and the per-channel gamma.
/// </summary>
public sealed class BranchRmsNorm : Module
{
    public BranchRmsNorm(long branchChannels)
    {
        BranchChannels = branchChannels;
        Gamma = Param("gamma", 2 * branchChannels, 1, 1, 1);
    }

    public long BranchChannels { get; }

    public Parameter Gamma { get; }

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Enter();
        var (b, t, h, w) = (x.Size(0), x.Size(2), x.Size(3), x.Size(4));
        var halves = x.Reshape(b, 2, BranchChannels, t, h, w);
        var scale = (Gamma.Value * Math.Sqrt(BranchChannels)).Reshape(1, 2, BranchChannels, 1, 1, 1);
        return scope.Keep(ChannelNorm.NormalizeAndScale(halves, 2, scale).Reshape(b, 2 * BranchChannels, t, h, w));
    }
}
