using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Layers;

/// <summary>Upstream <c>Sep_ResidualBlock_2d</c>: as <see cref="ResBlock3D"/> with plain per-frame convs over both halves.</summary>
public sealed class ResBlock2D : Block
{
    public ResBlock2D(long inBranch, long outBranch)
    {
        var residual = Child("residual", new ModuleDict());
        Norm1 = residual.Add("0", new BranchRmsNorm(inBranch));
        Conv1 = residual.Add("2", new MixedConv2d(2 * inBranch, 2 * outBranch, 3, padding: 1));
        Norm2 = residual.Add("3", new BranchRmsNorm(outBranch));
        Conv2 = residual.Add("6", new MixedConv2d(2 * outBranch, 2 * outBranch, 3, padding: 1));
        Shortcut = inBranch != outBranch ? Child("shortcut", new MixedConv2d(2 * inBranch, 2 * outBranch, 1)) : null;
    }

    public BranchRmsNorm Norm1 { get; }

    public MixedConv2d Conv1 { get; }

    public BranchRmsNorm Norm2 { get; }

    public MixedConv2d Conv2 { get; }

    public MixedConv2d? Shortcut { get; }

    public override Tensor Forward(Tensor x, StreamState? state)
    {
        using var scope = DisposeScope.Enter();
        var skip = Shortcut is null ? x : Shortcut.Forward(x);
        var r = Conv1.Forward(Norm1.Forward(x, silu: true));
        r = Conv2.Forward(Norm2.Forward(r, silu: true));
        return scope.Keep(r.AddInPlace(skip));
    }
}
