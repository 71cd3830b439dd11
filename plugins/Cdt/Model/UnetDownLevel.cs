using VideoPipe.Plugins.Cdt.Layers;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Model;

/// <summary>
/// denoise_fn.downs.i: ResnetBlock (.0, takes the pyramid level concatenated after x), ResnetBlock (.1),
/// attention (.2), optional Downsample (.3), optional TimeDownsample (.4).
/// </summary>
public sealed class UnetDownLevel : Module
{
    public UnetDownLevel(long inChannels, long outChannels, long timeDim, bool largeFilter, bool spaceDown, bool timeDown, PadMode padMode)
    {
        First = Child("0", new ResnetBlock(inChannels, outChannels, padMode, timeDim, largeFilter));
        Second = Child("1", new ResnetBlock(outChannels, outChannels, padMode, timeDim));
        Attention = Child("2", new AttentionResidual(outChannels));
        Down = spaceDown ? Child("3", new SpatialDownsample(outChannels, padMode)) : null;
        TimeDown = timeDown ? Child("4", new TimeDownsample(outChannels, padMode)) : null;
    }

    public ResnetBlock First { get; }

    public ResnetBlock Second { get; }

    public AttentionResidual Attention { get; }

    public SpatialDownsample? Down { get; }

    public TimeDownsample? TimeDown { get; }

    /// <summary>Returns the skip (after attention) and the downsampled output.</summary>
    public (Tensor Skip, Tensor Output) Forward(Tensor x, Tensor timeEmbedding, FeatureCache? cache)
    {
        using var scope = DisposeScope.Enter();
        var h = First.Forward(x, cache, timeEmbedding);
        h = EncoderLevel.Replace(h, Second.Forward(h, cache, timeEmbedding));
        var skip = EncoderLevel.Replace(h, Attention.Forward(h));
        var output = skip;
        if (Down is not null)
        {
            output = Down.Forward(output);
        }

        if (TimeDown is not null)
        {
            var next = TimeDown.Forward(output, cache);
            if (!ReferenceEquals(output, skip))
            {
                output.Dispose();
            }

            output = next;
        }

        scope.Keep(skip);
        return (skip, ReferenceEquals(output, skip) ? skip : scope.Keep(output));
    }
}
