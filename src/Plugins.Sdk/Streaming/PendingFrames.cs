using VideoPipe.Torch;

namespace VideoPipe.Plugins.Sdk;

/// <summary>
/// The not-yet-processed tail of a streaming session's input, along the time axis (dim 2): chunks are appended
/// as they arrive and consumed from the front in the sizes the session's chunk rule allows; a chunk may leave its
/// last frames waiting for the next one (overlapping chunks).
/// </summary>
public sealed class PendingFrames : IDisposable
{
    private Tensor? pending;

    /// <summary>Frames (or latent frames) waiting.</summary>
    public long Available => pending?.Size(2) ?? 0;

    /// <summary>The waiting tensor (for its spatial size); null when empty.</summary>
    public Tensor? Current => pending;

    public void Append(Tensor chunk, Device device)
    {
        using var scope = DisposeScope.Enter();
        var merged = pending is null ? chunk.To(device, copy: true) : Tensor.Cat([pending, chunk.To(device)], 2);
        pending?.Dispose();
        pending = DisposeScope.Detach(merged);
    }

    /// <summary>
    /// Runs <paramref name="use"/> on the first <paramref name="count"/> frames, then drops them but the last
    /// <paramref name="keep"/>, which start the next chunk.
    /// </summary>
    public Tensor Consume(long count, Func<Tensor, Tensor> use, long keep = 0)
    {
        var all = pending ?? throw new InvalidOperationException("nothing is pending");
        var available = all.Size(2);
        var result = use(all.Slice(2, 0, count));
        var next = count - Math.Min(keep, count);
        pending = next < available ? DisposeScope.Detach(all.Slice(2, next).Clone()) : null;
        all.Dispose();
        return result;
    }

    /// <summary>
    /// Appends <paramref name="input"/> (null at the end of the stream) and runs <paramref name="drain"/> in a dispose
    /// scope that keeps only its result.
    /// </summary>
    public Tensor? Feed(Tensor? input, Device device, Func<Tensor?> drain)
    {
        using var scope = DisposeScope.Enter();
        if (input is not null)
        {
            Append(input, device);
        }

        var result = drain();
        return result is null ? null : scope.Keep(result);
    }

    /// <summary>
    /// Consumes chunks while <paramref name="nextChunk"/> (given what waits) allows one (0: wait for more), runs
    /// <paramref name="use"/> on each and joins the outputs along time (null when there were none). Each chunk leaves
    /// its last <paramref name="keep"/> frames waiting (see <see cref="Consume"/>).
    /// </summary>
    public Tensor? Drain(Func<Tensor, long> nextChunk, Func<Tensor, Tensor> use, long keep = 0)
    {
        var outputs = new List<Tensor>();
        while (pending is { } current)
        {
            var take = nextChunk(current);
            if (take == 0)
            {
                break;
            }

            outputs.Add(Consume(take, use, keep));
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
        pending = null;
    }
}
