using VideoPipe.Plugins.Cdt.Layers;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Model;

/// <summary>context_fn.enc.i: ResnetBlock (.0) → optional spatial Downsample (.1) → optional TimeDownsample (.2).</summary>
public sealed class EncoderLevel : Module
{
    public EncoderLevel(long inChannels, long outChannels, bool largeFilter, bool spaceDown, bool timeDown, PadMode padMode)
    {
        Resnet = Set(0, new ResnetBlock(inChannels, outChannels, padMode, largeFilter: largeFilter));
        Down = spaceDown ? Set(1, new SpatialDownsample(outChannels, padMode)) : null;
        TimeDown = timeDown ? Set(2, new TimeDownsample(outChannels, padMode)) : null;
    }

    public ResnetBlock Resnet { get; }

    public SpatialDownsample? Down { get; }

    public TimeDownsample? TimeDown { get; }

    public Tensor Forward(Tensor x, FeatureCache? cache)
    {
        using var scope = DisposeScope.Enter();
        var h = Resnet.Forward(x, cache);
        if (Down is not null)
        {
            h = Replace(h, Down.Forward(h));
        }

        if (TimeDown is not null)
        {
            h = Replace(h, TimeDown.Forward(h, cache));
        }

        return scope.Keep(h);
    }

    private T Set<T>(int index, T module) where T : Module => Child(index.ToString(System.Globalization.CultureInfo.InvariantCulture), module);

    internal static Tensor Replace(Tensor old, Tensor next)
    {
        old.Dispose();
        return next;
    }
}
