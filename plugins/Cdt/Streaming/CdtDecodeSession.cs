using VideoPipe.Abstractions;
using VideoPipe.Plugins.Cdt.Diffusion;
using VideoPipe.Plugins.Sdk;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Streaming;

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
    private readonly CdtSettings settings;
    private readonly SeededFrameNoise noise;
    private readonly ChunkedDecoder decoder;
    private readonly PendingFrames pending = new();

    internal CdtDecodeSession(CdtTokenizer tokenizer, CdtSettings settings, SeededFrameNoise noise)
    {
        this.tokenizer = tokenizer;
        this.settings = settings;
        this.noise = noise;
        decoder = tokenizer.NewDecoder(settings, noise);
    }

    public Tensor? Push(Tensor latents) => pending.Feed(latents, tokenizer.Device, () => Drain(final: false));

    public Tensor? Complete() => pending.Feed(null, tokenizer.Device, () => Drain(final: true));

    private Tensor? Drain(bool final)
    {
        using var enter = tokenizer.EnterDevice();
        return pending.Drain(current => NextPiece(current, final),
            latents => decoder.Decode(latents, startsUpstreamChunk: decoder.LatentFramesDone % UpstreamChunk(latents) == 0));
    }

    /// <summary>Upstream's chunk of D latent frames (the chunk_latent_frames setting or upstream's resolution rule).</summary>
    private long UpstreamChunk(Tensor latents) => settings.ChunkLatentFrames
        ?? ChunkPlan.DecodeChunkLatents(latents.Size(3), latents.Size(4), tokenizer.Config.DecFrames, tokenizer.Config.SpaceFactor);

    /// <summary>Latent frames to decode next: the next piece of the upstream chunk once it has all arrived (at the end, what is left); 0: wait.</summary>
    private long NextPiece(Tensor current, bool final)
    {
        var piece = ChunkPlan.DecodePiece(decoder.LatentFramesDone, UpstreamChunk(current), settings.StreamMaxChunkLatentFrames);
        var available = current.Size(2);
        return available >= piece ? piece : final ? available : 0;
    }

    public void Dispose()
    {
        pending.Dispose();
        decoder.Dispose();
        noise.Dispose();
    }
}
