using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Layers;

/// <summary>
/// Upstream <c>Sep_ResidualBlock</c> on a 2·cin map: [norm, SiLU, KTC conv, norm, SiLU, (dropout), KTC conv]
/// plus a 1x1 KTC shortcut when the width changes. Both 3x3 KTC convs carry a group-causal cache.
/// </summary>
public sealed class ResBlock3D : Block
{
    public ResBlock3D(long inBranch, long outBranch, int groupLength)
    {
        var residual = Child("residual", new ModuleDict());
        Norm1 = residual.Add("0", new BranchRmsNorm(inBranch));
        Conv1 = residual.Add("2", new KtcConv(2 * inBranch, outBranch, outBranch, 3, groupLength));
        Norm2 = residual.Add("3", new BranchRmsNorm(outBranch));
        Conv2 = residual.Add("6", new KtcConv(2 * outBranch, outBranch, outBranch, 3, groupLength));
        Shortcut = inBranch != outBranch ? Child("shortcut", new KtcConv(2 * inBranch, outBranch, outBranch, 1, groupLength)) : null;
    }

    public BranchRmsNorm Norm1 { get; }

    public KtcConv Conv1 { get; }

    public BranchRmsNorm Norm2 { get; }

    public KtcConv Conv2 { get; }

    public KtcConv? Shortcut { get; }

    public override Tensor Forward(Tensor x, StreamState? state)
    {
        using var scope = DisposeScope.Enter();
        var skip = Shortcut is null ? x : Shortcut.Forward(x, null);
        var r = Conv1.Forward(Norm1.Forward(x, silu: true), state);
        r = Conv2.Forward(Norm2.Forward(r, silu: true), state);
        return scope.Keep(r.AddInPlace(skip));
    }
}
