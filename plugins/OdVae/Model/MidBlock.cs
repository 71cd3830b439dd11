using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae.Model;

/// <summary>Upstream <c>mid</c>: block_1 (resnet), attn_1 (attention), block_2 (resnet), all at one width.</summary>
public sealed class MidBlock : Module
{
    public MidBlock(string resnetKind, string attentionKind, long channels, int normGroups)
    {
        OdVaeBlockNames.RequireKnown("attention", [attentionKind], OdVaeBlockNames.Attentions);
        Block1 = Child("block_1", new ResnetBlock(resnetKind, channels, channels, normGroups));
        Attention = Child("attn_1", new AttnBlock3DFix(channels, normGroups));
        Block2 = Child("block_2", new ResnetBlock(resnetKind, channels, channels, normGroups));
    }

    public ResnetBlock Block1 { get; }

    public AttnBlock3DFix Attention { get; }

    public ResnetBlock Block2 { get; }

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Enter();
        var a = Block1.Forward(x);
        var b = Attention.Forward(a);
        a.Dispose();
        var c = Block2.Forward(b);
        b.Dispose();
        return scope.Keep(c);
    }
}
