namespace VideoPipe.Media.Reading;

/// <summary>
/// With a target frame rate R the fps filter numbers its output slots k, k+1, k+2, … in time base 1/R (trim, rotation,
/// scaling and cropping after it keep pts), so only the first frame's pts has to come from ffmpeg; frame n is at
/// (k + n) / R. That saves showinfo's per-frame log lines (about a dozen stderr writes per frame).
/// </summary>
internal sealed class FpsGridTimestamps(DecodeMonitor monitor, Rational rate, TimeSpan offset) : IFrameTimestamps
{
    private readonly Rational timeBase = new(rate.Denominator, rate.Numerator);
    private long firstSlot;

    public bool TryNext(long index, CancellationToken cancellationToken, out TimeSpan pts)
    {
        if (index == 0)
        {
            if (!monitor.TryTakeNextFrame(cancellationToken, out var first))
            {
                pts = default;
                return false;
            }

            firstSlot = first is { } known ? SlotOf(known) : 0;
        }
        else
        {
            monitor.CountUnannouncedFrame();
        }

        pts = DecodeMonitor.ToTimeSpan(firstSlot + index, timeBase) + offset;
        return true;
    }

    /// <summary>Exact: a slot is far longer than the 100 ns a TimeSpan rounds to.</summary>
    private long SlotOf(TimeSpan pts) =>
        (long)Math.Round((decimal)pts.Ticks * timeBase.Denominator / (timeBase.Numerator * (decimal)TimeSpan.TicksPerSecond));
}
