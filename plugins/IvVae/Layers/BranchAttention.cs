using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Layers;

/// <summary>Upstream <c>Sep_AttentionBlock</c>: one attention block per branch half (Attention_2d, Attention_3d).</summary>
public sealed class BranchAttention : Block
{
    public BranchAttention(long branchChannels)
    {
        BranchChannels = branchChannels;
        Keyframe = Child("Attention_2d", new AttentionBlock(branchChannels));
        Temporal = Child("Attention_3d", new AttentionBlock(branchChannels));
    }

    public long BranchChannels { get; }

    public AttentionBlock Keyframe { get; }

    public AttentionBlock Temporal { get; }

    public override Tensor Forward(Tensor x, StreamState? state)
    {
        using var scope = DisposeScope.Enter();
        var halves = x.Split([BranchChannels, BranchChannels], 1);
        return scope.Keep(Tensor.Cat([Keyframe.Forward(halves[0]), Temporal.Forward(halves[1])], 1));
    }
}
