using VideoPipe.Abstractions;
using VideoPipe.Torch;
using VideoPipe.Engine;

namespace VideoPipe.Precompute;

/// <summary>
/// The one encode call of a precompute run: a decoded clip [1, 3, T, H, W] to its stored latent [C, t, h, w] (CPU,
/// output dtype). The encode stage runs it per clip; the precompute benchmark times it alone.
/// </summary>
public sealed class ClipEncoder(ITokenizer tokenizer, IDeviceContext device, PrecomputeOptions options)
{
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
        using var single = batch.Squeeze(0);
        using var converted = single.To(options.LatentDType, Device.Cpu, copy: true);
        return converted.Contiguous();
    }
}
