using System.Collections;

namespace VideoPipe.Media;

/// <summary>Consecutive frames delivered together; disposing the block disposes (returns) every frame in it.</summary>
public sealed class FrameBlock(IReadOnlyList<VideoFrame> frames) : IReadOnlyList<VideoFrame>, IDisposable
{
    public int Count => frames.Count;

    public VideoFrame this[int index] => frames[index];

    public long FirstIndex => frames[0].Index;

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
