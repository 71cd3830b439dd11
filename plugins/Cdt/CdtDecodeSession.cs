using VideoPipe.Abstractions;
using VideoPipe.Plugins.Cdt.Diffusion;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt;

/// <summary>
/// Streaming decode: latents are decoded in chunks of D latent frames (chunk_latent_frames or upstream's rule)
/// counted from the start of the stream, exactly the chunks upstream's loop uses, each with the condition
/// decoder's cache and one UNet cache per DDIM step. The remainder shorter than D is decoded at
/// <see cref="Complete"/>.
/// </summary>
public sealed class CdtDecodeSession : IDecodeSession
{
    private readonly CdtTokenizer tokenizer;
    private readonly DecodeOptions options;
    private readonly SeededFrameNoise noise;
    private readonly ChunkedDecoder decoder;
    private Tensor? pending;

    internal CdtDecodeSession(CdtTokenizer tokenizer, DecodeOptions options, SeededFrameNoise noise)
    {
        this.tokenizer = tokenizer;
        this.options = options;
        this.noise = noise;
        decoder = tokenizer.NewDecoder(options, noise);
    }

    public Tensor? Push(Tensor latents)
    {
        using var scope = DisposeScope.Enter();
        var merged = pending is null ? latents.To(tokenizer.Device, copy: true) : Tensor.Cat([pending, latents.To(tokenizer.Device)], 2);
        pending?.Dispose();
        pending = DisposeScope.Detach(merged);
        var result = Drain(final: false);
        return result is null ? null : scope.Keep(result);
    }

    public Tensor? Complete()
    {
        using var scope = DisposeScope.Enter();
        var result = Drain(final: true);
        return result is null ? null : scope.Keep(result);
    }

    private Tensor? Drain(bool final)
    {
        using var enter = tokenizer.EnterDevice();
        var outputs = new List<Tensor>();
        while (pending is not null)
        {
            var available = pending.Size(2);
            var chunk = CdtSettings.Int(options.Settings, CdtSettings.ChunkLatentFrames)
                ?? ChunkPlan.DecodeChunkLatents(pending.Size(3), pending.Size(4), tokenizer.Config.DecFrames, tokenizer.Config.SpaceFactor);
            var take = available >= chunk ? chunk : final ? available : 0;
            if (take == 0)
            {
                break;
            }

            outputs.Add(decoder.Decode(pending.Slice(2, 0, take)));
            var rest = take < available ? DisposeScope.Detach(pending.Slice(2, take).Clone()) : null;
            pending.Dispose();
            pending = rest;
        }

        return outputs.Count switch
        {
            0 => null,
            1 => outputs[0],
            _ => Tensor.Cat(outputs, 2),
        };
    }

    public void Dispose()
    {
        pending?.Dispose();
        decoder.Dispose();
        noise.Dispose();
    }
}
