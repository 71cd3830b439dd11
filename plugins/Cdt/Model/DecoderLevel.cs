using VideoPipe.Plugins.Cdt.Layers;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Model;

/// <summary>
/// context_fn.dec.i: ResnetBlock (.0) → spatial Upsample or, on CDT-base's last level, a mapping ResnetBlock
/// (.1) → optional TimeUpsample (.2). The mapping block runs with its own cache (<c>mappingCache</c>): upstream
/// calls it without the feature cache, so it zero/edge-pads two frames in front of every chunk, which the caller
/// reproduces by clearing that cache at each upstream chunk start; null runs it uncached.
/// </summary>
public sealed class DecoderLevel : Module
{
    private readonly SpatialUpsample? upsample;
    private readonly ResnetBlock? mapping;
    private readonly TimeUpsample? timeUp;

    public DecoderLevel(long inChannels, long outChannels, bool isLast, bool spaceUp, bool timeUpsample, CdtConfig config)
    {
        var padMode = config.PadMode;
        Resnet = Child("0", new ResnetBlock(inChannels, isLast ? inChannels : outChannels, padMode));
        if (spaceUp)
        {
            upsample = Child("1", new SpatialUpsample(isLast ? inChannels : outChannels, outChannels, config.NewUpsample, padMode));
        }
        else if (isLast)
        {
            mapping = Child("1", new ResnetBlock(inChannels, outChannels, padMode));
        }

        if (timeUpsample)
        {
            timeUp = Child("2", new TimeUpsample(outChannels));
        }
    }

    public ResnetBlock Resnet { get; }

    public bool HasUncachedMappingBlock => mapping is not null;

    public Tensor Forward(Tensor x, CausalPass pass, FeatureCache? mappingCache)
    {
        using var scope = DisposeScope.Enter();
        var h = Resnet.Forward(x, pass.Cache);
        if (upsample is not null)
        {
            h = EncoderLevel.Replace(h, upsample.Forward(h));
        }
        else if (mapping is not null)
        {
            h = EncoderLevel.Replace(h, mapping.Forward(h, mappingCache));
        }

        if (timeUp is not null)
        {
            h = EncoderLevel.Replace(h, timeUp.Forward(h, pass.FirstChunk));
        }

        return scope.Keep(h);
    }
}
