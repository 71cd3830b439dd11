using VideoPipe.Torch;

namespace VideoPipe.Plugins.Regen.Layers;

/// <summary>
/// Multi-head softmax self-attention over every token, computed in query blocks (the binding's blockwise kernel) so
/// the score matrix never exists whole at inference; optional RMS normalisation of q and k per head.
/// </summary>
public sealed class SelfAttention : Module
{
    private readonly Linear qkv;
    private readonly Linear proj;
    private readonly Parameter? qGain;
    private readonly Parameter? kGain;
    private readonly long heads;
    private readonly long blockRows;

    public SelfAttention(long width, long heads, bool qkNorm, long blockRows)
    {
        this.heads = heads;
        this.blockRows = blockRows;
        qkv = Child("qkv", new Linear(width, 3 * width));
        proj = Child("proj", new Linear(width, width));
        if (qkNorm)
        {
            qGain = Param("q_gain", width / heads);
            kGain = Param("k_gain", width / heads);
        }
    }

    public Linear Projection => proj;

    public IEnumerable<Parameter> NormGains => new[] { qGain, kGain }.OfType<Parameter>();

    /// <summary>[B, L, D] → [B, L, D].</summary>
    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Enter();
        var (b, l, d) = (x.Size(0), x.Size(1), x.Size(2));
        var parts = qkv.Forward(x).Reshape(b, l, 3, heads, d / heads).Permute(2, 0, 3, 1, 4);
        var (q, k, v) = (parts.Select(0, 0), parts.Select(0, 1), parts.Select(0, 2));
        if (qGain is not null && kGain is not null)
        {
            q = RmsNorm(q, qGain.Value);
            k = RmsNorm(k, kGain.Value);
        }

        var attended = Functional.ScaledDotProductAttention(q, k, v, blockQ: blockRows);
        return scope.Keep(proj.Forward(attended.Transpose(1, 2).Reshape(b, l, d)));
    }

    private static Tensor RmsNorm(Tensor x, Tensor gain) => x * (x.Square().Mean([-1], keepDim: true) + 1e-6).Rsqrt() * gain;
}
