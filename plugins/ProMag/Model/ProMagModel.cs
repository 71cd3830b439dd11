using VideoPipe.Plugins.ProMag.Layers;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.ProMag.Model;

/// <summary>
/// A ProMAG tokenizer: the 4x base (encoder trunk, latent convs, decoder body) and its growth stages. State-dict
/// keys: encoder.*, quant_conv.*, post_quant_conv.*, decoder.*, growth.{i}.*. A k-x model encodes with the trunk of
/// its top stage and the top stage's latent conv; it decodes through the top stage's post-latent conv, every
/// stage's temporal upsampling from the top down, and the base decoder.
/// </summary>
public sealed class ProMagModel : Module
{
    private readonly BaseEncoder encoder;
    private readonly ReplicateCausalConv3d quantConv;
    private readonly ReplicateCausalConv3d postQuantConv;
    private readonly BaseDecoder decoder;
    private readonly ModuleList<GrowthStage> growth;

    public ProMagModel(ProMagConfig config)
    {
        config.Validate();
        Config = config;
        encoder = Child("encoder", new BaseEncoder(config));
        quantConv = Child("quant_conv", new ReplicateCausalConv3d(config.TopChannels, 2L * config.LatentChannels, kernel: 1));
        postQuantConv = Child("post_quant_conv", new ReplicateCausalConv3d(config.LatentChannels, config.TopChannels, kernel: 1));
        decoder = Child("decoder", new BaseDecoder(config));
        growth = Child("growth", new ModuleList<GrowthStage>());
        foreach (var factor in config.GrowthFactors)
        {
            growth.Add(new GrowthStage(factor, config));
        }
    }

    public ProMagConfig Config { get; }

    /// <summary>The base encoder trunk (state-dict prefix <c>encoder.</c>).</summary>
    public BaseEncoder Encoder => encoder;

    public int GrowthStages => growth.Count;

    /// <summary>The newest growth stage, or null for the 4x base.</summary>
    public GrowthStage? TopStage => growth.Count == 0 ? null : growth[growth.Count - 1];

    /// <summary>
    /// Video [B,3,1+k·n,H,W] → moments [B,2·C_z,1+n,H/8,W/8]. <paramref name="frozenLevels"/>: the trunk levels below
    /// it (0: the base encoder, l: growth stage l) are evaluated without recording autograd (their parameters are frozen).
    /// </summary>
    public Tensor Moments(Tensor video, int frozenLevels = 0)
    {
        using var scope = DisposeScope.Enter();
        var features = new TrunkFeatures(this, video, frozenLevels);
        var top = features.At(growth.Count, 1);
        return scope.Keep((TopStage?.QuantConv ?? quantConv).Forward(top));
    }

    /// <summary>Latents [B,C_z,1+n,h,w] → video [B,3,1+k·n,8h,8w], optionally layer by layer over spatial tiles.</summary>
    public Tensor Decode(Tensor latents, SpatialTiling? tiling = null)
    {
        var t = tiling ?? SpatialTiling.None;
        using var scope = DisposeScope.Enter();
        var h = t.Conv(TopStage?.PostQuantConv ?? postQuantConv, latents);
        for (var stage = growth.Count - 1; stage >= 0; stage--)
        {
            h = growth[stage].Upsample(h, t);
        }

        return scope.Keep(decoder.Forward(h, latents, t));
    }

    /// <summary>The base decoder's adaptive-norm modulations (none without decoder_adaptive_norm).</summary>
    public IEnumerable<LatentModulation> DecoderModulations => decoder.Modulations;

    /// <summary>
    /// Seeded N(0, 0.02²) weights (benchmarks, tests) drawn as <see cref="Module.InitializeRandom"/> draws them, but the
    /// decoder's modulations draw nothing and stay zero: a seed gives the same weights with and without
    /// decoder_adaptive_norm, and the adaptive decoder starts as the plain one.
    /// </summary>
    public void InitializeRandomWithNeutralModulation(Generator generator)
    {
        var neutral = DecoderModulations.SelectMany(m => new[] { m.Weight, m.Bias }).ToHashSet();
        foreach (var (_, slot) in NamedTensors())
        {
            if (neutral.Contains(slot))
            {
                slot.Value.Fill(0);
            }
            else if (slot.Value.DType.IsFloatingPoint())
            {
                using var r = Tensor.Randn(generator, slot.Value.Shape);
                using var scaled = r.Mul(0.02);
                slot.Value.CopyFrom(scaled);
            }
        }
    }

    /// <summary>(mean, log-variance clamped to [-30, 20]) of moments [B,2·C_z,…].</summary>
    public (Tensor Mean, Tensor LogVar) SplitMoments(Tensor moments)
    {
        using var scope = DisposeScope.Enter();
        var c = Config.LatentChannels;
        var mean = moments.Narrow(1, 0, c);
        var logVar = moments.Narrow(1, c, c).Clamp(-30, 20);
        return (scope.Keep(mean), scope.Keep(logVar));
    }

    /// <summary>
    /// Initializes the top growth stage as the spec says (see <see cref="GrowthStage.InitializeGrowth"/>), taking the
    /// latent convs of the model one stage smaller. Load the smaller model's weights first; trainable parameters are
    /// written under GradMode.NoGrad, inference ones in inference mode.
    /// </summary>
    public void InitializeTopStage()
    {
        var top = TopStage ?? throw new InvalidOperationException("a 4x ProMAG has no growth stage to initialize");
        var below = growth.Count >= 2 ? growth[growth.Count - 2] : null;
        top.InitializeGrowth(below?.QuantConv ?? quantConv, below?.PostQuantConv ?? postQuantConv);
    }

    /// <summary>
    /// The trunk features of one forward: level 0 is the base encoder, level l the output g of growth stage l; each
    /// (level, subsampling) pair is computed once (16x recursive evaluates T4 on x, x[::2] and x[::4]).
    /// </summary>
    private sealed class TrunkFeatures(ProMagModel model, Tensor video, int frozenLevels)
    {
        private readonly Dictionary<(int Level, int Stride), Tensor> cache = new();

        public Tensor At(int level, int stride)
        {
            if (cache.TryGetValue((level, stride), out var cached))
            {
                return cached;
            }

            var frozen = level < frozenLevels;
            using var mode = frozen ? GradMode.NoGrad() : null;
            Tensor result;
            if (level == 0)
            {
                result = model.encoder.Forward(stride == 1 ? video : video.Slice(2, 0, video.Size(2), stride));
            }
            else
            {
                var stage = model.growth[level - 1];
                result = stage.Encode(At(level - 1, stride), At(level - 1, stride * stage.Factor));
            }

            cache[(level, stride)] = result;
            return result;
        }
    }
}
