using VideoPipe.Media;
using VideoPipe.Torch;

namespace VideoPipe.Precompute;

/// <summary>
/// Keeps the sampled frames a future clip window can still use (as the reader delivers them, already resized and
/// cut to the processed size: uint8 [H, W, 3]) and turns a window into the tokenizer's input [1, 3, T, H, W] in [-1, 1].
/// </summary>
internal sealed class ClipAssembler(ClipWindowing windowing, SourceFraming framing) : IDisposable
{
    private readonly LinkedList<HeldFrame> frames = new();

    public long FramesSeen { get; private set; }

    public void Add(VideoFrame frame)
    {
        FramesSeen = frame.Index + 1;
        if (windowing.WholeVideo && frame.Index >= windowing.MaxClipFrames)
        {
            // Counted for the whole-video length but never part of a clip the limit allows.
            return;
        }

        var pixels = ClipTensor.Pixels(frame, framing);
        frames.AddLast(new HeldFrame(frame.Index, frame.Pts.TotalSeconds, pixels));
        Release(frame.Index);
    }

    /// <summary>
    /// Frames [start, start + count) with their indices and times; the caller owns the tensor. A whole-video window
    /// is the frames' last use, so they are released as soon as they are copied (the float clip is 4x their size).
    /// </summary>
    public (Tensor Video, IReadOnlyList<long> Indices, IReadOnlyList<double> Pts) Take(ClipWindow window)
    {
        var chosen = frames.Where(f => f.Index >= window.Start && f.Index < window.End).ToList();
        if (chosen.Count != window.Frames)
        {
            throw new InvalidOperationException($"clip {window.Start}+{window.Frames} needs frames that were not kept ({chosen.Count} held)");
        }

        var video = ClipTensor.FromFrames(chosen.Select(f => f.Pixels).ToList(), windowing.WholeVideo ? Dispose : null);
        return (video, chosen.Select(f => f.Index).ToList(), chosen.Select(f => f.Pts).ToList());
    }

    public void Dispose()
    {
        foreach (var frame in frames)
        {
            frame.Pixels.Dispose();
        }

        frames.Clear();
    }

    /// <summary>Drops frames no window that ends after <paramref name="newest"/> can contain.</summary>
    private void Release(long newest)
    {
        if (windowing.WholeVideo)
        {
            return;
        }

        var clip = windowing.ClipFrames!.Value;
        var stride = windowing.Stride;
        var earliestFutureStart = Math.Max(0, newest - clip + 1);
        var nextStart = (earliestFutureStart + stride - 1) / stride * stride;
        while (frames.First is { } first && first.Value.Index < nextStart)
        {
            first.Value.Pixels.Dispose();
            frames.RemoveFirst();
        }
    }

    private sealed record HeldFrame(long Index, double Pts, Tensor Pixels);
}
