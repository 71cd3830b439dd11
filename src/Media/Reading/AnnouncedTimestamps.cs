namespace VideoPipe.Media.Reading;

/// <summary>
/// Each frame's pts as showinfo announced it, shifted by the read's start offset. A frame announced without a pts
/// gets the previous one plus one nominal interval.
/// </summary>
internal sealed class AnnouncedTimestamps(DecodeMonitor monitor, TimeSpan offset, TimeSpan interval) : IFrameTimestamps
{
    private TimeSpan? last;

    public bool TryNext(long index, CancellationToken cancellationToken, out TimeSpan pts)
    {
        if (!monitor.TryTakeNextFrame(cancellationToken, out var announced))
        {
            pts = default;
            return false;
        }

        pts = announced is { } known ? known + offset : (last ?? offset - interval) + interval;
        last = pts;
        return true;
    }
}
