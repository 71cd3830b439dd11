using VideoPipe.Abstractions;
using VideoPipe.Torch;
using VideoPipe.Engine;

namespace VideoPipe.Precompute;

/// <summary>
/// The one encode call of a precompute run: a decoded clip [1, 3, T, H, W] to its stored latent [C, t, h, w] (CPU,
/// output dtype). The encode stage runs it per clip (or per chunk of a streamed whole-video clip); the precompute
/// benchmark times it alone.
/// </summary>
public sealed class ClipEncoder
{
    private readonly ITokenizer tokenizer;
    private readonly IDeviceContext device;
    private readonly PrecomputeOptions options;

    /// <summary>The tokenizer checks the run's family settings here, so a value it cannot read stops the run before any clip.</summary>
    public ClipEncoder(ITokenizer tokenizer, IDeviceContext device, PrecomputeOptions options)
    {
        tokenizer.CheckSettings(options.TokenizerSettings);
        this.tokenizer = tokenizer;
        this.device = device;
        this.options = options;
    }

    /// <summary>The encode options of a clip; <paramref name="seed"/> is its own sample seed (null for the mean).</summary>
    public EncodeOptions OptionsFor(ulong? seed) => new()
    {
        Posterior = options.Posterior,
        Seed = seed,
        Scaled = options.Scaled,
        Settings = options.TokenizerSettings,
    };

    /// <summary>The clip's seed for a sampled posterior (derived from --seed and the item id), else null.</summary>
    public ulong? SeedFor(string itemId) => options.Posterior == PosteriorMode.Sample ? ItemId.SampleSeed(options.Seed, itemId) : null;

    /// <summary>Encodes on the calling thread (native, not interruptible); the caller owns the result.</summary>
    public Tensor Encode(Tensor video, EncodeOptions encodeOptions)
    {
        using var entered = device.Enter();
        using var input = video.To(tokenizer.DType, tokenizer.Device);
        using var batch = tokenizer.Encode(input, encodeOptions);
        return Stored(batch);
    }

    /// <summary>An exact streaming encode session (the card promised one: <see cref="TokenizerCard.ExactCausalStreaming"/>).</summary>
    public IEncodeSession BeginSession(EncodeOptions encodeOptions) =>
        (tokenizer as IStreamingTokenizer
            ?? throw new InvalidOperationException($"{tokenizer.Card.Family} {tokenizer.Card.Variant} claims exact causal streaming but has no encode session"))
        .BeginEncode(encodeOptions);

    /// <summary>Pushes the next chunk [1, 3, t, H, W] on the calling thread; the latents now final, as stored, or null.</summary>
    public Tensor? Push(IEncodeSession session, Tensor chunk)
    {
        using var entered = device.Enter();
        using var input = chunk.To(tokenizer.DType, tokenizer.Device);
        using var batch = session.Push(input);
        return batch is null ? null : Stored(batch);
    }

    /// <summary>Flushes the session at the end of the clip; the last latents, as stored, or null.</summary>
    public Tensor? Complete(IEncodeSession session)
    {
        using var entered = device.Enter();
        using var batch = session.Complete();
        return batch is null ? null : Stored(batch);
    }

    /// <summary>A latent batch [1, C, t, h, w] as a stored latent [C, t, h, w]: on the CPU in the output dtype.</summary>
    private Tensor Stored(Tensor batch)
    {
        using var single = batch.Squeeze(0);
        using var converted = single.To(options.LatentDType, Device.Cpu, copy: true);
        return converted.Contiguous();
    }
}
