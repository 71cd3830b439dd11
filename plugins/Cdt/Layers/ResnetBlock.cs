using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Layers;

/// <summary>
/// Upstream's ResnetBlock: block1 → (+ time projection) → block2, plus a 1x1x1 shortcut conv when the widths
/// differ (identity otherwise). The ReLU of block2 comes before the residual add.
/// </summary>
public sealed class ResnetBlock : Module
{
    private readonly Linear? timeProjection;
    private readonly Conv? shortcut;

    public ResnetBlock(long inChannels, long outChannels, PadMode padMode, long? timeDim = null, bool largeFilter = false)
    {
        if (timeDim is { } td)
        {
            timeProjection = Child("mlp", new ModuleSlots()).Set(1, new Linear(td, outChannels));
        }

        Block1 = Child("block1", new ConvBlock(inChannels, outChannels, largeFilter, padMode));
        Block2 = Child("block2", new ConvBlock(outChannels, outChannels, false, padMode));
        if (inChannels != outChannels)
        {
            shortcut = Child("res_conv", Conv.Conv3d(inChannels, outChannels, 1));
        }
    }

    public ConvBlock Block1 { get; }

    public ConvBlock Block2 { get; }

    /// <summary><paramref name="timeEmbedding"/> is (B, time_dim); required exactly when the block has a time projection.</summary>
    public Tensor Forward(Tensor x, FeatureCache? cache, Tensor? timeEmbedding = null)
    {
        if ((timeProjection is null) != (timeEmbedding is null))
        {
            throw new ArgumentException(timeProjection is null
                ? "this ResnetBlock has no time projection"
                : "this ResnetBlock needs a time embedding");
        }

        using var scope = DisposeScope.Enter();
        var h = Block1.Forward(x, cache);
        if (timeProjection is not null)
        {
            var projected = timeProjection.Forward(timeEmbedding!.LeakyRelu(0.2));
            h.AddInPlace(projected.View(projected.Size(0), projected.Size(1), 1, 1, 1));
        }

        var h2 = Block2.Forward(h, cache);
        h.Dispose();
        if (shortcut is null)
        {
            return scope.Keep(h2.AddInPlace(x));
        }

        var skip = shortcut.Forward(x);
        return scope.Keep(h2.AddInPlace(skip));
    }
}
