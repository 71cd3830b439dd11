using VideoPipe.Media;
using VideoPipe.Torch;

namespace VideoPipe.Precompute;

/// <summary>
/// Keeps the sampled frames a future clip window can still use (cut to the processed size, as uint8 [H, W, 3])
/// and turns a window into the tokenizer's input [1, 3, T, H, W] in [-1, 1].
/// </summary>
internal sealed class ClipAssembler(ClipWindowing windowing, FramingPlan framing) : IDisposable
{
    private readonly LinkedList<HeldFrame> frames = new();

    public long FramesSeen { get; private set; }

    public void Add(VideoFrame frame)
    {
        var size = framing.ProcessedSize;
        using var full = Tensor.FromBytes(frame.Span, DType.UInt8, frame.Height, frame.Width, 3);
        Tensor pixels;
        if (framing.CutsHere || frame.Width != size.Width || frame.Height != size.Height)
        {
            var (x, y) = framing.CutsHere ? (framing.CropX, framing.CropY) : ((frame.Width - size.Width) / 2, (frame.Height - size.Height) / 2);
            using var rows = full.Narrow(0, y, size.Height);
            using var cut = rows.Narrow(1, x, size.Width);
            pixels = cut.Contiguous();
        }
        else
        {
            pixels = full.Clone();
        }

        frames.AddLast(new HeldFrame(frame.Index, frame.Pts.TotalSeconds, pixels));
        FramesSeen = frame.Index + 1;
        Release(frame.Index);
    }

    /// <summary>Frames [start, start + count) with their indices and times; the caller owns the tensor.</summary>
    public (Tensor Video, IReadOnlyList<long> Indices, IReadOnlyList<double> Pts) Take(ClipWindow window)
    {
        var chosen = frames.Where(f => f.Index >= window.Start && f.Index < window.End).ToList();
        if (chosen.Count != window.Frames)
        {
            throw new InvalidOperationException($"clip {window.Start}+{window.Frames} needs frames that were not kept ({chosen.Count} held)");
        }

        using var stacked = Tensor.Stack(chosen.Select(f => f.Pixels).ToList(), 0);
        using var channelsFirst = stacked.Permute(3, 0, 1, 2);
        using var asFloat = channelsFirst.To(DType.Float32);
        using var scaled = asFloat.Mul(2.0 / 255.0);
        using var centred = scaled.Sub(1.0);
        var video = centred.Unsqueeze(0).Contiguous();
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
