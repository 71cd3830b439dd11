using VideoPipe.Abstractions;
using VideoPipe.Plugins.Sdk;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.ProMag.Streaming;

/// <summary>
/// Chunked encode (see <see cref="ProMagTokenizer.BeginEncode"/>): holds at most one chunk of frames plus the piece
/// being pushed; each chunk leaves its last <see cref="ProMagCard.ChunkOverlapFrames"/> frames to start the next.
/// A sampled posterior draws every chunk's noise from one generator seeded once.
/// </summary>
public sealed class ProMagEncodeSession : IEncodeSession
{
    private readonly ProMagTokenizer tokenizer;
    private readonly PosteriorMode posterior;
    private readonly Generator? generator;
    private readonly PendingFrames pending = new();
    private bool started;

    internal ProMagEncodeSession(ProMagTokenizer tokenizer, EncodeOptions options)
    {
        this.tokenizer = tokenizer;
        posterior = options.Posterior;
        generator = GaussianPosterior.EncodeGenerator(options);
    }

    /// <summary>Frames received but not yet encoded (or kept as the next chunk's overlap).</summary>
    public long PendingFrames => pending.Available;

    public Tensor? Push(Tensor frames)
    {
        tokenizer.CheckVideo(frames);
        return pending.Feed(frames, Device.Cpu, () => Drain(final: false));
    }

    public Tensor? Complete() => pending.Feed(null, Device.Cpu, () => Drain(final: true));

    private Tensor? Drain(bool final) =>
        pending.Drain(current => NextChunk(current.Size(2), final), EncodeChunk, keep: ProMagCard.ChunkOverlapFrames);

    /// <summary>A whole chunk; at the end what is left unless it is only the previous chunk's overlap; 0: wait.</summary>
    private long NextChunk(long available, bool final) =>
        available >= ProMagCard.ChunkFrames ? ProMagCard.ChunkFrames
        : final && (!started || available > ProMagCard.ChunkOverlapFrames) ? available
        : 0;

    private Tensor EncodeChunk(Tensor chunk)
    {
        started = true;
        using var scope = DisposeScope.Enter();
        return scope.Keep(tokenizer.EncodeClip(ClipPadding.ToRule(chunk, tokenizer.Card.FrameRule), posterior, generator));
    }

    public void Dispose()
    {
        pending.Dispose();
        generator?.Dispose();
    }
}
