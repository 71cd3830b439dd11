using VideoPipe.Plugins.Cdt.Layers;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Model;

/// <summary>
/// Upstream's Compressor (<c>model.context_fn</c>): the causal encoder with its moments head, and the condition
/// decoder that turns a latent into the feature pyramid the UNet is conditioned on. The head convs
/// (quant_conv*, post_quant_conv*) always run in float32, as upstream forces.
/// </summary>
public sealed class ContextNetwork : Module
{
    private readonly Conv quantConv;
    private readonly Conv postQuantConv;
    private readonly ModuleSlots quantConvRes;
    private readonly List<ResnetBlock> quantResBlocks = new();
    private readonly Conv quantResOut;
    private readonly ModuleSlots postQuantConvRes;
    private readonly Conv postQuantIn;
    private readonly List<ResnetBlock> postQuantResBlocks = new();
    private readonly List<EncoderLevel> encoderLevels = new();
    private readonly List<DecoderLevel> decoderLevels = new();

    public ContextNetwork(CdtConfig config)
    {
        var padMode = config.PadMode;
        var d = config.ContextDim;
        long[] dims = [3, .. config.ContextDimMults.Select(m => (long)d * m)];
        long[] reversedDims = [.. config.ContextDimMults.Reverse().Select(m => (long)d * m), config.OutChannels];
        var levels = config.ContextDimMults.Count;
        var z = config.LatentDim;

        quantConv = Child("quant_conv", Conv.Conv3d(dims[^1], 2 * z, 1));
        postQuantConv = Child("post_quant_conv", Conv.Conv3d(z, dims[^1], 1));

        quantConvRes = Child("quant_conv_res", new ModuleSlots());
        for (var i = 0; i < levels - 1; i++)
        {
            quantResBlocks.Add(quantConvRes.Set(i, new ResnetBlock(reversedDims[i], reversedDims[i + 1], padMode)));
        }

        quantResOut = quantConvRes.Set(levels - 1, Conv.Conv3d(reversedDims[^2], 2 * z, 1));

        postQuantConvRes = Child("post_quant_conv_res", new ModuleSlots());
        postQuantIn = postQuantConvRes.Set(0, Conv.Conv3d(z, dims[1], 1));
        for (var i = 1; i < levels; i++)
        {
            postQuantResBlocks.Add(postQuantConvRes.Set(i, new ResnetBlock(dims[i], dims[i + 1], padMode)));
        }

        var enc = Child("enc", new ModuleSlots());
        for (var i = 0; i < levels; i++)
        {
            encoderLevels.Add(enc.Set(i, new EncoderLevel(dims[i], dims[i + 1], i == 0, config.SpaceDown[i] != 0, config.TimeDown[i] != 0, padMode)));
        }

        var dec = Child("dec", new ModuleSlots());
        for (var i = 0; i < levels; i++)
        {
            var level = levels - 1 - i;
            decoderLevels.Add(dec.Set(i, new DecoderLevel(
                reversedDims[i], reversedDims[i + 1], isLast: i == levels - 1,
                spaceUp: config.SpaceDown[level] != 0, timeUpsample: config.TimeDown[level] != 0, config)));
        }
    }

    /// <summary>Modules upstream keeps in float32 whatever the model dtype.</summary>
    public IEnumerable<Module> Float32Modules => [quantConv, postQuantConv, quantConvRes, postQuantConvRes];

    public bool HasUncachedMappingBlock => decoderLevels.Any(l => l.HasUncachedMappingBlock);

    /// <summary>Encodes one chunk (B,3,T,H,W) to posterior moments (B, 2z, T', h, w), float32: mean then logvar.</summary>
    public Tensor EncodeMoments(Tensor video, FeatureCache? cache)
    {
        using var scope = DisposeScope.Enter();
        var dtype = encoderLevels[0].Resnet.Block1.Conv.Weight.Value.DType;
        var h = video.To(dtype);
        foreach (var level in encoderLevels)
        {
            h = EncoderLevel.Replace(h, level.Forward(h, cache));
        }

        h = h.To(DType.Float32);
        var direct = quantConv.Forward(h);
        var residual = h;
        foreach (var block in quantResBlocks)
        {
            var next = block.Forward(residual, cache);
            if (!ReferenceEquals(residual, h))
            {
                residual.Dispose();
            }

            residual = next;
        }

        var moments = quantResOut.Forward(residual);
        return scope.Keep(moments.AddInPlace(direct));
    }

    /// <summary>
    /// The condition pyramid of one latent chunk, finest level first (upstream returns output[::-1]), in the
    /// model dtype. <paramref name="mappingCache"/> is CDT-base's mapping block's own cache (null: uncached).
    /// </summary>
    public IReadOnlyList<Tensor> DecodePyramid(Tensor latent, CausalPass pass, FeatureCache? mappingCache = null)
    {
        using var scope = DisposeScope.Enter();
        var z = latent.To(DType.Float32);
        var direct = postQuantConv.Forward(z);
        var y = postQuantIn.Forward(z);
        foreach (var block in postQuantResBlocks)
        {
            y = EncoderLevel.Replace(y, block.Forward(y, pass.Cache));
        }

        y.AddInPlace(direct);
        var dtype = decoderLevels[0].Resnet.Block1.Conv.Weight.Value.DType;
        var h = y.To(dtype);
        var outputs = new List<Tensor>();
        foreach (var level in decoderLevels)
        {
            h = level.Forward(h, pass, mappingCache);
            outputs.Add(h);
        }

        outputs.Reverse();
        return outputs.Select(scope.Keep).ToArray();
    }
}
