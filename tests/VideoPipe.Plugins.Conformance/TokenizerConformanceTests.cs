using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Parity;
using VideoPipe.Torch;
using VideoPipe.Torch.Checkpoints;

namespace VideoPipe.Plugins.Conformance;

/// <summary>
/// The conformance kit: what every tokenizer family must do, checked on a tiny random-weight model of it. A family's
/// test project runs the whole kit by deriving one class that names the family and a tiny config.
/// </summary>
public abstract partial class TokenizerConformanceTests
{
    protected abstract ITokenizerFamily Family { get; }

    /// <summary>A small configuration of the family (a few channels) that runs in well under a second.</summary>
    protected abstract JsonElement TinyConfig { get; }

    /// <summary>False for families with no public reference implementation to make golden cases from (REGEN, ProMAG).</summary>
    protected virtual bool HasGoldenCases => true;

    /// <summary>True for families that pad a clip up to the frame rule (repeating its last frame) instead of refusing it.</summary>
    protected virtual bool PadsToTheFrameRule => false;

    /// <summary>Latent frames of the clips the kit encodes (the clip has FrameRule.FramesFor of this many frames).</summary>
    protected virtual int LatentFrames => 2;

    /// <summary>Height and width of the clips, in multiples of the card's spatial alignment.</summary>
    protected virtual int SizeInAlignments => 2;

    protected ITokenizer Create(DType dtype = DType.Float32, ulong seed = 3) => Family.Create(new TokenizerRequest
    {
        Config = TinyConfig,
        RandomWeightsSeed = seed,
        DeviceContext = CpuDeviceContext.Instance,
        DType = dtype,
    });

    protected Tensor Clip(ITokenizer tokenizer, long? frames = null, ulong seed = 5)
    {
        var size = tokenizer.Card.SpatialAlignment * SizeInAlignments;
        using var generator = new Generator(seed);
        using var uniform = Tensor.Rand(generator, [1, 3, frames ?? tokenizer.Card.FrameRule.FramesFor(LatentFrames), size, size]);
        return uniform * 2.0 - 1.0;
    }

    private static DecodeOptions SeededDecode(ITokenizer tokenizer) =>
        tokenizer.Card.GenerativeDecode ? DecodeOptions.Default with { Seed = 42 } : DecodeOptions.Default;

    [Fact]
    public void EveryGoldenCaseOfTheFamilyLoadsStrictly()
    {
        var cases = SharedGoldenCases.Of(Family.Family);
        if (!HasGoldenCases)
        {
            Assert.Empty(cases); // cases appeared: the family must declare and load them
            return;
        }

        Assert.NotEmpty(cases);
        foreach (var dir in cases)
        {
            var goldenCase = GoldenCase.Load(dir);
            if (goldenCase.WeightsPath is null)
            {
                continue;
            }

            var weights = Safetensors.Load(goldenCase.WeightsPath);
            try
            {
                using var tokenizer = Family.Create(new TokenizerRequest { Config = goldenCase.Config, Weights = weights, DeviceContext = CpuDeviceContext.Instance });
                Assert.Equal(Family.Family, tokenizer.Card.Family);
            }
            finally
            {
                foreach (var t in weights.Values)
                {
                    t.Dispose();
                }
            }
        }
    }

    [Fact]
    public void EncodeAndDecodeProduceWhatTheCardPromises()
    {
        using var tokenizer = Create();
        using var clip = Clip(tokenizer);
        var card = tokenizer.Card;
        using var latent = tokenizer.Encode(clip, EncodeOptions.Default);
        var (h, w) = (clip.Size(3) / card.SpatialCompression, clip.Size(4) / card.SpatialCompression);
        Assert.Equal(new long[] { 1, card.LatentChannels, card.FrameRule.LatentFrames(clip.Size(2)), h, w }, latent.Shape);
        Assert.Equal(DType.Float32, latent.DType);
        using var video = tokenizer.Decode(latent, SeededDecode(tokenizer));
        Assert.Equal(clip.Shape, video.Shape);
        Assert.Equal(DType.Float32, video.DType);
        using var scope = DisposeScope.Enter();
        Assert.True((video - video).IsNan().Amax().Item() == 0, "decoded video has non-finite values");
    }

    [Fact]
    public void AClipTheFrameRuleRejectsFailsWithAClearError()
    {
        using var tokenizer = Create();
        var rule = tokenizer.Card.FrameRule;
        if (rule.Step == 1)
        {
            return; // every frame count is valid
        }

        using var clip = Clip(tokenizer, frames: rule.FramesFor(LatentFrames) + 1);
        if (PadsToTheFrameRule)
        {
            using var padded = tokenizer.Encode(clip, EncodeOptions.Default);
            Assert.Equal(rule.LatentFrames(rule.RoundUp(clip.Size(2))), padded.Size(2));
            return;
        }

        var e = Assert.ThrowsAny<ArgumentException>(() => tokenizer.Encode(clip, EncodeOptions.Default));
        Assert.Contains(clip.Size(2).ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
    }

    [Fact]
    public void SettingsAreTheOnesTheCardDeclaresAndOthersAreRefusedNamingTheKey()
    {
        using var tokenizer = Create();
        tokenizer.CheckSettings(new Dictionary<string, string>());
        Assert.All(tokenizer.Card.Settings, kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), $"setting '{kv.Key}' has no description"));
        const string undeclared = "videopipe_conformance_undeclared";
        var e = Assert.ThrowsAny<ArgumentException>(() => tokenizer.CheckSettings(new Dictionary<string, string> { [undeclared] = "1" }));
        Assert.Contains(undeclared, e.Message);
        using var clip = Clip(tokenizer);
        Assert.ThrowsAny<ArgumentException>(() => tokenizer.Encode(clip, EncodeOptions.Default with { Settings = new Dictionary<string, string> { [undeclared] = "1" } }));
    }

    [Fact]
    public void TheSameSeedGivesTheSameBytes()
    {
        using var tokenizer = Create();
        using var clip = Clip(tokenizer);
        using var a = tokenizer.Encode(clip, EncodeOptions.Default);
        using var b = tokenizer.Encode(clip, EncodeOptions.Default);
        Assert.Equal(a.ToArray<float>(), b.ToArray<float>());
        using var videoA = tokenizer.Decode(a, SeededDecode(tokenizer));
        using var videoB = tokenizer.Decode(a, SeededDecode(tokenizer));
        Assert.Equal(videoA.ToArray<float>(), videoB.ToArray<float>());
    }

    [Fact]
    public void StreamedEqualsWholeClipWhereTheCardSaysExact()
    {
        using var tokenizer = Create();
        if (!tokenizer.Card.ExactCausalStreaming)
        {
            Assert.False(tokenizer is IStreamingTokenizer && tokenizer.Card.ExactCausalStreaming);
            return;
        }

        var streaming = Assert.IsAssignableFrom<IStreamingTokenizer>(tokenizer);
        using var clip = Clip(tokenizer, frames: tokenizer.Card.FrameRule.FramesFor(LatentFrames + 1));
        using var whole = tokenizer.Encode(clip, EncodeOptions.Default);
        using var scope = DisposeScope.Enter();
        var parts = new List<Tensor>();
        using (var session = streaming.BeginEncode(EncodeOptions.Default))
        {
            for (long t = 0; t < clip.Size(2); t++)
            {
                if (session.Push(clip.Narrow(2, t, 1)) is { } part)
                {
                    parts.Add(part);
                }
            }

            if (session.Complete() is { } rest)
            {
                parts.Add(rest);
            }
        }

        var streamed = Tensor.Cat(parts, 2);
        Assert.Equal(whole.Shape, streamed.Shape);
        Assert.True((streamed - whole).Abs().MaxValue() < 1e-4, "frame-by-frame encode differs from the whole-clip encode");
    }

    [Fact]
    public void EverySupportedDTypeRunsAndReturnsFloat32()
    {
        foreach (var dtype in Family.DescribePreset(Family.Presets[0]).SupportedDTypes)
        {
            using var tokenizer = Create(dtype);
            Assert.Equal(dtype, tokenizer.DType);
            using var clip = Clip(tokenizer);
            using var latent = tokenizer.Encode(clip, EncodeOptions.Default);
            Assert.Equal(DType.Float32, latent.DType);
        }
    }

    [Fact]
    public void WeightsThatDoNotFitTheModelAreRefusedNamingTheKey()
    {
        using var tokenizer = Create();
        var trainable = tokenizer as ITrainableTokenizer;
        using var donor = Create(seed: 9);
        var state = (donor as ITrainableTokenizer)?.StateDict();
        if (trainable is null || state is null)
        {
            return; // the family exposes no state dict to tamper with
        }

        var key = state.Keys.Order(StringComparer.Ordinal).First();
        var missing = state.Where(kv => kv.Key != key).ToDictionary(kv => kv.Key, kv => kv.Value);
        var e = Assert.ThrowsAny<Exception>(() => Family.Create(new TokenizerRequest { Config = TinyConfig, Weights = missing, DeviceContext = CpuDeviceContext.Instance }).Dispose());
        Assert.Contains(key, e.Message);
        using var wrong = Tensor.Zeros([3]);
        var misShaped = state.ToDictionary(kv => kv.Key, kv => kv.Key == key ? wrong : kv.Value);
        e = Assert.ThrowsAny<Exception>(() => Family.Create(new TokenizerRequest { Config = TinyConfig, Weights = misShaped, DeviceContext = CpuDeviceContext.Instance }).Dispose());
        Assert.Contains(key, e.Message);
    }
}
