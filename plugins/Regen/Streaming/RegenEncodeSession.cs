using VideoPipe.Abstractions;
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
    private Tensor? waiting;
    private bool started;

    internal RegenEncodeSession(RegenTokenizer tokenizer, ChunkEncoder encoder)
    {
        this.tokenizer = tokenizer;
        this.encoder = encoder;
    }

    public Tensor? Push(Tensor frames)
    {
        RegenTokenizer.CheckVideo(frames);
        using var enter = tokenizer.EnterDevice();
        using var scope = DisposeScope.Enter();
        var input = frames.To(tokenizer.DType, tokenizer.Device);
        var outputs = new List<Tensor>();
        if (!started)
        {
            outputs.Add(encoder.First(input.Narrow(2, 0, 1)));
            started = true;
        }

        var all = waiting is null ? input : Tensor.Cat([waiting, input], 2);
        var ratio = encoder.Ratio;
        long start = 0;
        while (all.Size(2) - start >= ratio + 1)
        {
            outputs.Add(encoder.Motion(all.Narrow(2, start, ratio + 1)));
            start += ratio;
        }

        Keep(all.Narrow(2, start, all.Size(2) - start));
        return Join(outputs, scope);
    }

    public Tensor? Complete()
    {
        if (waiting is null || waiting.Size(2) <= 1)
        {
            return null;
        }

        using var enter = tokenizer.EnterDevice();
        using var scope = DisposeScope.Enter();
        var chunk = ChunkEncoder.PadToRule(waiting, encoder.Ratio);
        var latent = encoder.Motion(chunk);
        Keep(null);
        return scope.Keep(latent);
    }

    /// <summary>Frames not yet part of an encoded chunk (the first is the shared boundary frame).</summary>
    public long WaitingFrames => waiting?.Size(2) ?? 0;

    private void Keep(Tensor? rest)
    {
        var copy = rest is null ? null : DisposeScope.Detach(rest.Clone());
        waiting?.Dispose();
        waiting = copy;
    }

    private static Tensor? Join(List<Tensor> outputs, DisposeScope scope) => outputs.Count switch
    {
        0 => null,
        1 => scope.Keep(outputs[0]),
        _ => scope.Keep(Tensor.Cat(outputs, 2)),
    };

    public void Dispose()
    {
        waiting?.Dispose();
        encoder.Dispose();
    }
}
