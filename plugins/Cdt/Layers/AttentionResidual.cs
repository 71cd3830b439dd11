using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Layers;

/// <summary>
/// Upstream's Residual(PreNorm(dim, LinearAttention(dim))): x + attention(LayerNorm(x)); the residual adds the
/// un-normalised input. Keys: fn.norm.{g,b}, fn.fn.to_qkv.weight, fn.fn.to_out.{weight,bias}.
/// </summary>
public sealed class AttentionResidual : Module
{
    public AttentionResidual(long channels)
    {
        var preNorm = Child("fn", new ModuleDict());
        Norm = preNorm.Add("norm", new ChannelLayerNorm(channels));
        Attention = preNorm.Add("fn", new LinearAttention(channels));
    }

    public ChannelLayerNorm Norm { get; }

    public LinearAttention Attention { get; }

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Enter();
        var normalized = Norm.Forward(x);
        var attended = Attention.Forward(normalized);
        normalized.Dispose();
        return scope.Keep(attended.AddInPlace(x));
    }
}
