using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Layers;

/// <summary>
/// Upstream's LayerNorm: per voxel over the channel axis of (B,C,T,H,W), biased variance, eps 1e-5,
/// parameters g and b stored as [1,C,1,1,1].
/// </summary>
public sealed class ChannelLayerNorm : Module
{
    public const double Epsilon = 1e-5;

    public ChannelLayerNorm(long channels)
    {
        Gain = Param("g", 1, channels, 1, 1, 1);
        Shift = Param("b", 1, channels, 1, 1, 1);
    }

    public Parameter Gain { get; }

    public Parameter Shift { get; }

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Enter();
        var variance = x.Var([1], unbiased: false, keepDim: true);
        var mean = x.Mean([1], keepDim: true);
        var normalized = (x - mean) / (variance + Epsilon).Sqrt();
        return scope.Keep(normalized * Gain.Value + Shift.Value);
    }
}
