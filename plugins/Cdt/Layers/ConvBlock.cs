using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Layers;

/// <summary>Upstream's Block: block.0 causal conv, block.1 channel LayerNorm, block.2 ReLU.</summary>
public sealed class ConvBlock : Module
{
    public ConvBlock(long inChannels, long outChannels, bool largeFilter, PadMode padMode)
    {
        var block = Child("block", new ModuleSlots());
        Conv = block.Set(0, largeFilter
            ? new CausalConv3d(inChannels, outChannels, [3, 7, 7], [1, 3, 3], padMode)
            : new CausalConv3d(inChannels, outChannels, [3, 3, 3], [1, 1, 1], padMode));
        Norm = block.Set(1, new ChannelLayerNorm(outChannels));
    }

    public CausalConv3d Conv { get; }

    public ChannelLayerNorm Norm { get; }

    public Tensor Forward(Tensor x, FeatureCache? cache)
    {
        using var scope = DisposeScope.Enter();
        var h = Conv.Forward(x, cache);
        var n = Norm.Forward(h);
        h.Dispose();
        return scope.Keep(n.ReluInPlace());
    }
}
