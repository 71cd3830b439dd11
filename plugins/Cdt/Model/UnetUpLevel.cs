using VideoPipe.Plugins.Cdt.Layers;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Model;

/// <summary>
/// denoise_fn.ups.j: x resized to the skip's size when they differ (PyTorch 'nearest'), concatenated with the
/// skip, then ResnetBlock (.0), ResnetBlock (.1), attention (.2), optional Upsample (.3), optional TimeUpsample (.4).
/// </summary>
public sealed class UnetUpLevel : Module
{
    private readonly SpatialUpsample? upsample;
    private readonly TimeUpsample? timeUp;

    public UnetUpLevel(long skipChannels, long outChannels, long timeDim, bool spaceUp, bool timeUpsample, CdtConfig config)
    {
        var padMode = config.PadMode;
        First = Child("0", new ResnetBlock(2 * skipChannels, outChannels, padMode, timeDim));
        Second = Child("1", new ResnetBlock(outChannels, outChannels, padMode, timeDim));
        Attention = Child("2", new AttentionResidual(outChannels));
        if (spaceUp)
        {
            upsample = Child("3", new SpatialUpsample(outChannels, outChannels, config.NewUpsample, padMode));
        }

        if (timeUpsample)
        {
            timeUp = Child("4", new TimeUpsample(outChannels));
        }
    }

    public ResnetBlock First { get; }

    public ResnetBlock Second { get; }

    public AttentionResidual Attention { get; }

    public Tensor Forward(Tensor x, Tensor skip, Tensor timeEmbedding, CausalPass pass)
    {
        using var scope = DisposeScope.Enter();
        var resized = MatchSize(x, skip);
        var h = Tensor.Cat([resized, skip], 1);
        h = EncoderLevel.Replace(h, First.Forward(h, pass.Cache, timeEmbedding));
        h = EncoderLevel.Replace(h, Second.Forward(h, pass.Cache, timeEmbedding));
        h = EncoderLevel.Replace(h, Attention.Forward(h));
        if (upsample is not null)
        {
            h = EncoderLevel.Replace(h, upsample.Forward(h));
        }

        if (timeUp is not null)
        {
            h = EncoderLevel.Replace(h, timeUp.Forward(h, pass.FirstChunk));
        }

        return scope.Keep(h);
    }

    /// <summary>
    /// Upstream's F.interpolate(x, size=skip's (T,H,W), mode='nearest') when sizes differ; for the odd sizes
    /// that occur (one more row or column) it drops the last one.
    /// </summary>
    public static Tensor MatchSize(Tensor x, Tensor skip)
    {
        if (x.Shape.AsSpan(2).SequenceEqual(skip.Shape.AsSpan(2)))
        {
            return x;
        }

        using var scope = DisposeScope.Enter();
        var resized = Functional.Interpolate(x.To(DType.Float32), skip.Shape[2..], InterpolationMode.Nearest);
        return scope.Keep(resized.To(x.DType));
    }
}
