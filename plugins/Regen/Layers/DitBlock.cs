using VideoPipe.Torch;

namespace VideoPipe.Plugins.Regen.Layers;

/// <summary>
/// A DiT block without adaLN (conditioning enters only additively at the input). PostBranch, as the paper draws it:
/// x + LN(MHSA(x)), then x + LN(FFN(x)); PreNorm: x + MHSA(LN(x)), then x + FFN(LN(x)).
/// </summary>
public sealed class DitBlock : Module
{
    private readonly SelfAttention attention;
    private readonly LayerNorm norm1;
    private readonly FeedForward ffn;
    private readonly LayerNorm norm2;
    private readonly NormPlacement placement;

    public DitBlock(long width, long heads, long ffnMultiplier, NormPlacement placement, bool qkNorm, long blockRows)
    {
        this.placement = placement;
        attention = Child("attn", new SelfAttention(width, heads, qkNorm, blockRows));
        norm1 = Child("norm1", new LayerNorm([width], 1e-6));
        ffn = Child("ffn", new FeedForward(width, ffnMultiplier));
        norm2 = Child("norm2", new LayerNorm([width], 1e-6));
    }

    /// <summary>The block starts as the identity: PostBranch zeroes the branch norms' gains, PreNorm the branch outputs.</summary>
    public void InitializeIdentity()
    {
        foreach (var norm in new[] { norm1, norm2 })
        {
            norm.Weight!.Value.Fill(placement == NormPlacement.PostBranch ? 0 : 1);
            norm.Bias!.Value.Fill(0);
        }

        foreach (var gain in attention.NormGains)
        {
            gain.Value.Fill(1);
        }

        if (placement == NormPlacement.PreNorm)
        {
            foreach (var output in new[] { attention.Projection, ffn.Output })
            {
                output.Weight.Value.Fill(0);
                output.Bias!.Value.Fill(0);
            }
        }
    }

    /// <summary>[B, L, D] → [B, L, D].</summary>
    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Enter();
        var h = placement == NormPlacement.PostBranch
            ? x + norm1.Forward(attention.Forward(x))
            : x + attention.Forward(norm1.Forward(x));
        h = placement == NormPlacement.PostBranch
            ? h + norm2.Forward(ffn.Forward(h))
            : h + ffn.Forward(norm2.Forward(h));
        return scope.Keep(h);
    }
}
