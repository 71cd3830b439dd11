using VideoPipe.Abstractions;
using VideoPipe.Plugins.Cdt.Diffusion;
using VideoPipe.Plugins.Cdt.Layers;
using VideoPipe.Plugins.Cdt.Model;
using VideoPipe.Plugins.Cdt.Streaming;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt;

/// <summary>
/// CDT as a tokenizer: encode returns the posterior mean (no scaling: latent_scale 1.3 is metadata, as
/// upstream), decode runs DDIM from seeded noise through the condition pyramid. Both process the clip in
/// upstream's chunks with the per-layer feature cache; sessions stream with the same caches.
/// Outputs are float32 whatever the compute dtype.
/// </summary>
public sealed class CdtTokenizer : IStreamingTokenizer
{
    private readonly CdtModel model;
    private readonly IDeviceContext deviceContext;
    private readonly NoiseSchedule schedule;

    public CdtTokenizer(CdtModel model, TokenizerCard card, IDeviceContext deviceContext, DType dtype)
    {
        this.model = model;
        this.deviceContext = deviceContext;
        Card = card;
        DType = dtype;
        schedule = new NoiseSchedule(model.Config.NumTimesteps);
    }

    public TokenizerCard Card { get; }

    public Device Device => deviceContext.Device;

    public DType DType { get; }

    public CdtConfig Config => model.Config;

    internal CdtModel Model => model;

    public void CheckSettings(IReadOnlyDictionary<string, string> settings) => CdtSettings.Read(settings);

    public Tensor Encode(Tensor video, EncodeOptions options)
    {
        CheckVideo(video);
        Card.FrameRule.Require(video.Size(2), Card.Family);
        var chunkFrames = CdtSettings.Read(options.Settings).ChunkFrames
            ?? ChunkPlan.EncodeChunkFrames(video.Size(3), video.Size(4), Config.EncFrames);
        using var enter = deviceContext.Enter();
        using var scope = DisposeScope.Enter();
        using var cache = new FeatureCache();
        var moments = new List<Tensor>();
        long start = 0;
        foreach (var frames in ChunkPlan.EncodeChunks(video.Size(2), chunkFrames))
        {
            var chunk = video.Slice(2, start, start + frames).To(Device);
            moments.Add(model.Context.EncodeMoments(chunk, cache));
            start += frames;
        }

        var all = moments.Count == 1 ? moments[0] : Tensor.Cat(moments, 2);
        return scope.Keep(SelectPosterior(all, options));
    }

    public Tensor Decode(Tensor latents, DecodeOptions options)
    {
        var seed = options.Seed ?? throw new ArgumentException("CDT decode is generative: DecodeOptions.Seed is required (it seeds the starting noise and is recorded)");
        using var noise = new SeededFrameNoise(seed, Config.TimeFactor);
        return Decode(latents, options, noise);
    }

    /// <summary>Decode with an explicit noise source (parity: upstream's own draw).</summary>
    public Tensor Decode(Tensor latents, DecodeOptions options, IDecodeNoise noise)
    {
        CheckLatents(latents);
        var settings = CdtSettings.Read(options.Settings);
        var chunkLatents = settings.ChunkLatentFrames
            ?? ChunkPlan.DecodeChunkLatents(latents.Size(3), latents.Size(4), Config.DecFrames, Config.SpaceFactor);
        using var enter = deviceContext.Enter();
        using var scope = DisposeScope.Enter();
        using var decoder = NewDecoder(settings, noise);
        var outputs = new List<Tensor>();
        long start = 0;
        foreach (var count in ChunkPlan.DecodeChunks(latents.Size(2), chunkLatents))
        {
            outputs.Add(decoder.Decode(latents.Slice(2, start, start + count).To(Device)));
            start += count;
        }

        return scope.Keep(outputs.Count == 1 ? outputs[0] : Tensor.Cat(outputs, 2));
    }

    public IEncodeSession BeginEncode(EncodeOptions options) => new CdtEncodeSession(this, options, CdtSettings.Read(options.Settings));

    public IDecodeSession BeginDecode(DecodeOptions options)
    {
        var seed = options.Seed ?? throw new ArgumentException("CDT decode is generative: DecodeOptions.Seed is required");
        var settings = CdtSettings.Read(options.Settings);
        return new CdtDecodeSession(this, settings, new SeededFrameNoise(seed, Config.TimeFactor));
    }

    internal ChunkedDecoder NewDecoder(CdtSettings settings, IDecodeNoise noise) =>
        new(model, new DdimSchedule(schedule, settings.Steps ?? Config.SampleSteps), noise, settings.CacheMappingBlock);

    internal IDisposable EnterDevice() => deviceContext.Enter();

    /// <summary>Mean, logvar (clamped to [-30, 20] as upstream's posterior), raw moments, or a seeded sample.</summary>
    internal Tensor SelectPosterior(Tensor moments, EncodeOptions options)
    {
        if (options.Posterior != PosteriorMode.Sample)
        {
            return SelectPosterior(moments, options.Posterior, null);
        }

        using var generator = new Generator(options.Seed ?? throw new ArgumentException("posterior sampling needs EncodeOptions.Seed"));
        return SelectPosterior(moments, options.Posterior, generator);
    }

    /// <summary>As above; <paramref name="generator"/> supplies the sample's noise (sessions keep one across chunks).</summary>
    internal Tensor SelectPosterior(Tensor moments, PosteriorMode mode, Generator? generator)
    {
        using var scope = DisposeScope.Enter();
        var z = Config.LatentDim;
        var mean = moments.Narrow(1, 0, z);
        var result = mode switch
        {
            PosteriorMode.Mean => mean.Contiguous(),
            PosteriorMode.Moments => moments.Clone(),
            PosteriorMode.LogVar => moments.Narrow(1, z, z).Clamp(-30, 20),
            PosteriorMode.Sample => Sample(mean, moments.Narrow(1, z, z), generator
                ?? throw new ArgumentException("posterior sampling needs a seed")),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown posterior mode"),
        };
        return scope.Keep(result);
    }

    private static Tensor Sample(Tensor mean, Tensor logVar, Generator generator)
    {
        using var scope = DisposeScope.Enter();
        var std = (logVar.Clamp(-30, 20) * 0.5).Exp();
        var draw = Tensor.Randn(generator, mean.Shape).To(mean.Device);
        return scope.Keep(mean + std * draw);
    }

    internal static void CheckVideo(Tensor video)
    {
        if (video.Dim != 5 || video.Size(1) != 3 || video.Size(2) < 1)
        {
            throw new ArgumentException($"CDT encodes videos (B, 3, T, H, W) with T >= 1, got [{string.Join(", ", video.Shape)}]");
        }
    }

    private void CheckLatents(Tensor latents)
    {
        if (latents.Dim != 5 || latents.Size(1) != Config.LatentDim || latents.Size(2) < 1)
        {
            throw new ArgumentException($"CDT decodes latents (B, {Config.LatentDim}, T', h, w), got [{string.Join(", ", latents.Shape)}]");
        }
    }

    public void Dispose() => model.Dispose();
}
