using VideoPipe.Abstractions;
using VideoPipe.Plugins.Sdk;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Regen.Streaming;

/// <summary>
/// Streaming encode: latent 0 as soon as frame 0 arrives, then one motion latent per k new frames (the chunk starts
/// on the last frame already encoded). At most k frames wait between pushes beyond the current push. At
/// <see cref="Complete"/> a tail short of k frames is padded by repeating its last frame, as whole-clip encode pads.
/// </summary>
public sealed class RegenEncodeSession : IEncodeSession
{
    private readonly RegenTokenizer tokenizer;
    private readonly ChunkEncoder encoder;
    private readonly PendingFrames pending = new();
    private bool started;

    internal RegenEncodeSession(RegenTokenizer tokenizer, ChunkEncoder encoder)
    {
        this.tokenizer = tokenizer;
        this.encoder = encoder;
    }

    /// <summary>Frames not yet part of an encoded chunk (the first is the shared boundary frame).</summary>
    public long WaitingFrames => pending.Available;

    public Tensor? Push(Tensor frames)
    {
        RegenTokenizer.CheckVideo(frames);
        using var enter = tokenizer.EnterDevice();
        using var scope = DisposeScope.Enter();
        var result = pending.Feed(frames.To(tokenizer.DType, tokenizer.Device), tokenizer.Device, () => Drain(final: false));
        return result is null ? null : scope.Keep(result);
    }

    public Tensor? Complete()
    {
        using var enter = tokenizer.EnterDevice();
        return pending.Feed(null, tokenizer.Device, () => Drain(final: true));
    }

    /// <summary>
    /// Latent 0 once frame 0 is here, then a motion latent per chunk of 1 + k frames, each chunk leaving its last frame
    /// to start the next; at the end a longer-than-one-frame tail, padded.
    /// </summary>
    private Tensor? Drain(bool final)
    {
        Tensor? first = null;
        if (!started && pending.Current is { } current)
        {
            first = encoder.First(current.Narrow(2, 0, 1));
            started = true;
        }

        var chunkFrames = encoder.Ratio + 1;
        var motion = pending.Drain(
            waiting => waiting.Size(2) >= chunkFrames ? chunkFrames : final && waiting.Size(2) > 1 ? waiting.Size(2) : 0,
            chunk => encoder.Motion(ClipPadding.ToRule(chunk, encoder.Rule)),
            keep: 1);
        return first is null ? motion : motion is null ? first : Tensor.Cat([first, motion], 2);
    }

    public void Dispose()
    {
        pending.Dispose();
        encoder.Dispose();
    }
}
