using VideoPipe.Abstractions;
using VideoPipe.Plugins.Cdt.Layers;
using VideoPipe.Plugins.Sdk;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Streaming;

/// <summary>
/// Streaming encode with the encoder's feature cache. Frames are consumed in chunks that keep the cached
/// TimeDownsample layers exact: a first chunk of 1+4k frames, then multiples of 4, each at most E frames
/// (the chunk_frames setting or upstream's resolution rule) and at most stream_max_chunk_frames, so a long stream
/// pushed in large pieces is still encoded one bounded chunk at a time. Latents equal the whole-clip encode to float
/// round-off for 1+4k frames in total; a shorter tail left at <see cref="Complete"/> is encoded as it is.
/// </summary>
public sealed class CdtEncodeSession : IEncodeSession
{
    private readonly CdtTokenizer tokenizer;
    private readonly PosteriorMode posterior;
    private readonly CdtSettings settings;
    private readonly FeatureCache cache = new();
    private readonly Generator? sampleGenerator;
    private readonly PendingFrames pending = new();
    private bool started;

    internal CdtEncodeSession(CdtTokenizer tokenizer, EncodeOptions options, CdtSettings settings)
    {
        this.tokenizer = tokenizer;
        posterior = options.Posterior;
        this.settings = settings;
        if (options.Posterior == PosteriorMode.Sample)
        {
            sampleGenerator = new Generator(options.Seed ?? throw new ArgumentException("posterior sampling needs EncodeOptions.Seed"));
        }
    }

    /// <summary>Bytes held by the per-layer caches (flat in the clip length).</summary>
    public long CacheBytes => cache.ByteCount;

    public Tensor? Push(Tensor frames)
    {
        CdtTokenizer.CheckVideo(frames);
        return pending.Feed(frames, tokenizer.Device, () => Drain(final: false));
    }

    public Tensor? Complete() => pending.Feed(null, tokenizer.Device, () => Drain(final: true));

    private Tensor? Drain(bool final)
    {
        using var enter = tokenizer.EnterDevice();
        return pending.Drain(current => NextChunk(current, final), chunk =>
        {
            var latents = tokenizer.SelectPosterior(tokenizer.Model.Context.EncodeMoments(chunk, cache), posterior, sampleGenerator);
            started = true;
            return latents;
        });
    }

    /// <summary>Frames to encode next: 1+4k first, then multiples of 4, within the chunk limit; 0: wait for more.</summary>
    private long NextChunk(Tensor current, bool final)
    {
        var available = current.Size(2);
        var limit = Math.Min(
            settings.ChunkFrames ?? ChunkPlan.EncodeChunkFrames(current.Size(3), current.Size(4), tokenizer.Config.EncFrames),
            settings.StreamMaxChunkFrames);
        var usable = Math.Min(available, Math.Max(limit, 4));
        var take = started ? usable / 4 * 4 : 1 + (usable - 1) / 4 * 4;
        return take == 0 && final ? available : take;
    }

    public void Dispose()
    {
        pending.Dispose();
        cache.Dispose();
        sampleGenerator?.Dispose();
    }
}
