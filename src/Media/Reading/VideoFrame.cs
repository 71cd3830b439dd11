using System.Buffers;

namespace VideoPipe.Media;

/// <summary>
/// One decoded frame: packed RGB, 8 bits per channel, row-major (H, W, 3), in a pooled buffer that
/// <see cref="Dispose"/> returns. Do not touch <see cref="Pixels"/> after disposing.
/// </summary>
public sealed class VideoFrame : IDisposable
{
    private readonly ArrayPool<byte> pool;
    private byte[]? buffer;

    internal VideoFrame(long index, TimeSpan pts, int width, int height, byte[] buffer, ArrayPool<byte> pool)
    {
        Index = index;
        Pts = pts;
        Width = width;
        Height = height;
        this.buffer = buffer;
        this.pool = pool;
    }

    /// <summary>Position in the read's output sequence; with a frame range it starts at the range start.</summary>
    public long Index { get; }

    /// <summary>Presentation time relative to the start of the video (see docs/video-io.md).</summary>
    public TimeSpan Pts { get; }

    public int Width { get; }

    public int Height { get; }

    public int ByteCount => Width * Height * 3;

    public Memory<byte> Pixels => (buffer ?? throw new ObjectDisposedException(nameof(VideoFrame))).AsMemory(0, ByteCount);

    public Span<byte> Span => Pixels.Span;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref buffer, null) is { } returned)
        {
            pool.Return(returned);
        }
    }
}
