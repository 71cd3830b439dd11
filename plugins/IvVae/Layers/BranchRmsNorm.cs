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

    /// <summary>Normalises and scales x; with <paramref name="silu"/> also applies the SiLU that follows every use.</summary>
    public Tensor Forward(Tensor x, bool silu = false) => ChannelNorm.NormalizeAndScale(x, Gamma.Value, 2, BranchChannels, silu);
}
