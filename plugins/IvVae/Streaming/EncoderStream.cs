using VideoPipe.Plugins.IvVae.Layers;
using VideoPipe.Plugins.IvVae.Model;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Streaming;

/// <summary>
/// Feeds frames of any chunk size to the encoder in upstream's call pattern (frame 0 alone, then whole 4-frame
/// groups, at most <see cref="MaxGroupsPerCall"/> per call), keeping at most 3 frames buffered between pushes.
/// Each call's posterior is final as soon as it is computed (the model is causal at group granularity).
/// </summary>
internal sealed class EncoderStream : IDisposable
{
    private readonly IvVaeModel model;
    private readonly StreamState state = new();
    private Tensor? pending;
    private long[]? frameShape;

    public EncoderStream(IvVaeModel model, DType dtype, int maxGroupsPerCall)
    {
        if (maxGroupsPerCall < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxGroupsPerCall), maxGroupsPerCall, "at least one group per call");
        }

        this.model = model;
        DType = dtype;
        MaxGroupsPerCall = maxGroupsPerCall;
    }

    public DType DType { get; }

    public int MaxGroupsPerCall { get; }

    public long FramesConsumed { get; private set; }

    public long PendingFrames => pending?.Size(2) ?? 0;

    /// <summary>Returns the posteriors (unscaled, float32) of the latent frames completed by these frames.</summary>
    public Posterior? Push(Tensor frames)
    {
        CheckFrames(frames);
        using var scope = DisposeScope.Enter();
        var input = frames.DType == DType ? frames : frames.To(DType);
        var buffered = pending is null ? input : Tensor.Cat([pending, input], 2);
        var results = new List<Posterior>();
        long offset = 0;
        var available = buffered.Size(2);
        if (state.IsFirstCall && available > 0)
        {
            results.Add(Run(buffered.Narrow(2, 0, 1)));
            offset = 1;
        }

        while (available - offset >= IvVaeModel.FramesPerGroup)
        {
            var groups = Math.Min(MaxGroupsPerCall, (available - offset) / IvVaeModel.FramesPerGroup);
            var length = groups * IvVaeModel.FramesPerGroup;
            results.Add(Run(buffered.Narrow(2, offset, length)));
            offset += length;
        }

        var rest = available - offset;
        var next = rest > 0 ? DisposeScope.Detach(buffered.Narrow(2, offset, rest).Contiguous()) : null;
        pending?.Dispose();
        pending = next;
        FramesConsumed += frames.Size(2);
        return Concat(results, scope);
    }

    /// <summary>Ends the stream; frames that do not complete a group are an error, never dropped silently.</summary>
    public void Complete()
    {
        if (PendingFrames > 0)
        {
            throw new InvalidOperationException(
                $"ivvae encode received {FramesConsumed} frames; {PendingFrames} trailing frame(s) do not complete a 4-frame group " +
                "(IV-VAE encodes 1+4k frames: pad or trim the clip by policy before encoding)");
        }
    }

    private Posterior Run(Tensor call)
    {
        using var scope = DisposeScope.Enter();
        using var posterior = model.EncodeCall(call, state);
        var mean = posterior.Mean.To(DType.Float32);
        var logVar = posterior.LogVar.To(DType.Float32);
        return new Posterior(scope.Keep(mean), scope.Keep(logVar));
    }

    private static Posterior? Concat(List<Posterior> parts, DisposeScope scope)
    {
        if (parts.Count == 0)
        {
            return null;
        }

        try
        {
            if (parts.Count == 1)
            {
                scope.Keep(parts[0].Mean);
                scope.Keep(parts[0].LogVar);
                return parts[0];
            }

            var mean = Tensor.Cat(parts.Select(p => p.Mean).ToList(), 2);
            var logVar = Tensor.Cat(parts.Select(p => p.LogVar).ToList(), 2);
            var result = new Posterior(scope.Keep(mean), scope.Keep(logVar));
            foreach (var p in parts)
            {
                p.Dispose();
            }

            return result;
        }
        catch
        {
            foreach (var p in parts)
            {
                p.Dispose();
            }

            throw;
        }
    }

    private void CheckFrames(Tensor frames)
    {
        if (frames.Dim != 5 || frames.Size(1) != 3)
        {
            throw new ArgumentException($"ivvae encode expects video [B, 3, T, H, W], got [{string.Join(", ", frames.Shape)}]");
        }

        if (frames.Size(3) % 8 != 0 || frames.Size(4) % 8 != 0)
        {
            throw new ArgumentException($"ivvae encode needs H and W divisible by 8, got {frames.Size(3)}x{frames.Size(4)}");
        }

        long[] shape = [frames.Size(0), frames.Size(3), frames.Size(4)];
        if (frameShape is not null && !frameShape.SequenceEqual(shape))
        {
            throw new ArgumentException($"ivvae encode stream changed batch/size from [{string.Join(", ", frameShape)}] to [{string.Join(", ", shape)}]");
        }

        frameShape = shape;
    }

    public void Dispose()
    {
        pending?.Dispose();
        pending = null;
        state.Dispose();
    }
}
