namespace VideoPipe.Engine;

/// <summary>
/// Frame-level progress of a run: frames done, the frames expected in total (the sum of each item's reported
/// length) and a recent frame rate, so the ETA follows the current speed rather than the average since the start,
/// which includes model loading and warm-up.
/// </summary>
/// <remarks>
/// The rate is measured over the samples of the last <see cref="RateWindow"/> (one sample per counted block), from
/// the last sample before the window to the newest one. When nothing arrived for longer than that span the
/// span is stretched to now, so a stall lowers the rate instead of freezing it.
/// </remarks>
public sealed class FrameProgress(TimeProvider time)
{
    public static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(10);

    private readonly Lock gate = new();
    private readonly Queue<(long Timestamp, long Done)> samples = new();
    private long done;
    private long expected;
    private int itemsWithLength;
    private bool anyEstimated;

    public long Done
    {
        get
        {
            lock (gate)
            {
                return done;
            }
        }
    }

    /// <summary>True when some item's length is an estimate (duration × rate, resampling, a time range).</summary>
    public bool TotalIsEstimate
    {
        get
        {
            lock (gate)
            {
                return anyEstimated;
            }
        }
    }

    /// <summary>An item's expected frame count; an item of unknown length reports nothing.</summary>
    public void AddItemLength(long frames, bool estimated)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        lock (gate)
        {
            expected += frames;
            itemsWithLength++;
            anyEstimated |= estimated;
        }
    }

    public void AddDone(long frames)
    {
        var now = time.GetTimestamp();
        lock (gate)
        {
            done += frames;
            samples.Enqueue((now, done));
            var windowStart = now - (long)(RateWindow.TotalSeconds * time.TimestampFrequency);
            while (samples.Count > 2 && samples.ElementAt(1).Timestamp <= windowStart)
            {
                samples.Dequeue();
            }
        }
    }

    /// <summary>Frames the run will produce: null unless the item count is known and every item reported its length.</summary>
    public long? Total(int? itemsTotal)
    {
        lock (gate)
        {
            return itemsTotal is { } items && itemsWithLength >= items ? expected : null;
        }
    }

    /// <summary>Frames per second over the recent window; null until two blocks were counted.</summary>
    public double? RecentFramesPerSecond()
    {
        var now = time.GetTimestamp();
        lock (gate)
        {
            if (samples.Count < 2)
            {
                return null;
            }

            var oldest = samples.Peek();
            var newest = samples.Last();
            var span = Math.Max(newest.Timestamp - oldest.Timestamp, now - newest.Timestamp);
            return span <= 0 ? null : (newest.Done - oldest.Done) * (double)time.TimestampFrequency / span;
        }
    }

    /// <summary>(total − done) / recent rate; null without a total or a positive rate.</summary>
    public TimeSpan? Remaining(int? itemsTotal)
    {
        var rate = RecentFramesPerSecond();
        if (Total(itemsTotal) is not { } total || rate is not > 0)
        {
            return null;
        }

        return TimeSpan.FromSeconds(Math.Max(0, total - Done) / rate.Value);
    }
}
