using System.Collections;

namespace VideoPipe.Media;

/// <summary>Consecutive frames delivered together; disposing the block disposes (returns) every frame in it.</summary>
public sealed class FrameBlock(IReadOnlyList<VideoFrame> frames) : IReadOnlyList<VideoFrame>, IDisposable
{
    public int Count => frames.Count;

    public VideoFrame this[int index] => frames[index];

    public long FirstIndex => frames[0].Index;

    /// <summary>Copies the frames back to back into one [T, H, W, 3] buffer (e.g. a tensor's storage).</summary>
    public void CopyTo(Span<byte> destination)
    {
        var offset = 0;
        foreach (var frame in frames)
        {
            frame.Span.CopyTo(destination[offset..]);
            offset += frame.ByteCount;
        }
    }

    public IEnumerator<VideoFrame> GetEnumerator() => frames.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose()
    {
        foreach (var frame in frames)
        {
            frame.Dispose();
        }
    }
}
