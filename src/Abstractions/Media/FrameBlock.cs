using VideoPipe.Torch;

namespace VideoPipe.Abstractions;

/// <summary>Consecutive frames of a clip: uint8 rgb24, [T, H, W, 3] on the CPU.</summary>
public sealed class FrameBlock : IDisposable
{
    public FrameBlock(Tensor frames, long firstFrame, double fps)
    {
        if (frames.Dim != 4 || frames.Size(3) != 3 || frames.DType != DType.UInt8)
        {
            throw new ArgumentException($"a frame block is uint8 [T, H, W, 3], not {frames}", nameof(frames));
        }

        Frames = frames;
        FirstFrame = firstFrame;
        Fps = fps;
    }

    public Tensor Frames { get; }

    /// <summary>Index of the first frame within the clip.</summary>
    public long FirstFrame { get; }

    public double Fps { get; }

    public int Count => (int)Frames.Size(0);

    public int Height => (int)Frames.Size(1);

    public int Width => (int)Frames.Size(2);

    public void Dispose() => Frames.Dispose();
}
