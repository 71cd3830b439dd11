using VideoPipe.Abstractions;
using VideoPipe.Plugins.Cdt.Diffusion;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt;

/// <summary>
/// Streaming decode: latents are decoded in upstream's chunks of D latent frames (chunk_latent_frames or upstream's
/// rule) counted from the start of the stream, each with the condition decoder's cache and one UNet cache per DDIM
/// step. A chunk longer than stream_max_chunk_latent_frames is decoded in pieces of at most that size as soon as
/// they arrive (exact: <see cref="ChunkPlan.DecodePiece"/>), so at most that many latent frames wait; at small
/// frame sizes upstream's D exceeds any clip. The rest is decoded at <see cref="Complete"/>.
/// </summary>
public sealed class CdtDecodeSession : IDecodeSession
{
    private readonly CdtTokenizer tokenizer;
    private readonly DecodeOptions options;
    private readonly SeededFrameNoise noise;
    private readonly ChunkedDecoder decoder;
    private readonly PendingFrames pending = new();

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
        pending.Append(latents, tokenizer.Device);
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
        while (pending.Current is { } current)
        {
            var available = current.Size(2);
            var chunk = CdtSettings.Int(options.Settings, CdtSettings.ChunkLatentFrames)
                ?? ChunkPlan.DecodeChunkLatents(current.Size(3), current.Size(4), tokenizer.Config.DecFrames, tokenizer.Config.SpaceFactor);
            var cap = CdtSettings.Int(options.Settings, CdtSettings.StreamMaxChunkLatentFrames, CdtSettings.DefaultStreamMaxChunkLatentFrames);
            var decoded = decoder.LatentFramesDone;
            var piece = ChunkPlan.DecodePiece(decoded, chunk, cap);
            var take = available >= piece ? piece : final ? available : 0;
            if (take == 0)
            {
                break;
            }

            outputs.Add(pending.Consume(take, latents => decoder.Decode(latents, startsUpstreamChunk: decoded % chunk == 0)));
        }

        return PendingFrames.Join(outputs);
    }

    public void Dispose()
    {
        pending.Dispose();
        decoder.Dispose();
        noise.Dispose();
    }
}
