using System.Collections.Concurrent;
using System.Diagnostics;

namespace VideoPipe.Engine;

/// <summary>
/// Live counters of a run, read by progress displays and tests: items in flight (started by the source, not yet
/// through every terminal stage), messages alive, frames, and per-stage queue fill.
/// </summary>
public sealed class PipelineMonitor
{
    private readonly ConcurrentDictionary<string, StageGauge> stages = new(StringComparer.Ordinal);
    private readonly Stopwatch clock = new();
    private int itemsStarted;
    private int itemsFinished;
    private int peakItemsInFlight;
    private long messagesAlive;
    private long peakMessagesAlive;
    private long frames;

    public int ItemsStarted => Volatile.Read(ref itemsStarted);

    /// <summary>Items completed or quarantined.</summary>
    public int ItemsFinished => Volatile.Read(ref itemsFinished);

    public int ItemsInFlight => ItemsStarted - ItemsFinished;

    public int PeakItemsInFlight => Volatile.Read(ref peakItemsInFlight);

    public long MessagesAlive => Interlocked.Read(ref messagesAlive);

    public long PeakMessagesAlive => Interlocked.Read(ref peakMessagesAlive);

    public long Frames => Interlocked.Read(ref frames);

    /// <summary>Total items when the source knows it up front.</summary>
    public int? ItemsTotal { get; internal set; }

    public TimeSpan Elapsed => clock.Elapsed;

    public double FramesPerSecond => Elapsed.TotalSeconds > 0 ? Frames / Elapsed.TotalSeconds : 0;

    /// <summary>Estimated time left from the item rate so far (null until an item finished or without a total).</summary>
    public TimeSpan? EstimatedRemaining
    {
        get
        {
            var done = ItemsFinished;
            if (ItemsTotal is not { } total || done == 0)
            {
                return null;
            }

            return TimeSpan.FromSeconds(Elapsed.TotalSeconds / done * Math.Max(0, total - done));
        }
    }

    public IReadOnlyList<StageGauge> Stages => stages.Values.OrderBy(s => s.Order).ToList();

    internal void Start() => clock.Start();

    internal void Stop() => clock.Stop();

    internal StageGauge Register(string name, string type, int order, int capacity, int parallelism, Func<int> queued) =>
        stages[name] = new StageGauge(name, type, order, capacity, parallelism, queued);

    internal void ItemStarted()
    {
        var inFlight = Interlocked.Increment(ref itemsStarted) - Volatile.Read(ref itemsFinished);
        int peak;
        while (inFlight > (peak = Volatile.Read(ref peakItemsInFlight)) && Interlocked.CompareExchange(ref peakItemsInFlight, inFlight, peak) != peak)
        {
        }
    }

    internal void ItemFinished() => Interlocked.Increment(ref itemsFinished);

    internal void MessageCreated()
    {
        var alive = Interlocked.Increment(ref messagesAlive);
        long peak;
        while (alive > (peak = Interlocked.Read(ref peakMessagesAlive)) && Interlocked.CompareExchange(ref peakMessagesAlive, alive, peak) != peak)
        {
        }
    }

    internal void MessageReleased() => Interlocked.Decrement(ref messagesAlive);

    internal void AddFrames(long count) => Interlocked.Add(ref frames, count);
}

/// <summary>One stage's live numbers.</summary>
public sealed class StageGauge(string name, string type, int order, int capacity, int parallelism, Func<int> queued)
{
    private long processed;
    private long emitted;
    private int busy;

    public string Name { get; } = name;

    public string Type { get; } = type;

    public int Order { get; } = order;

    public int Capacity { get; } = capacity;

    public int Parallelism { get; } = parallelism;

    /// <summary>Messages waiting in this stage's input channel.</summary>
    public int Queued => queued();

    public double QueueFill => Capacity == 0 ? 0 : (double)Queued / Capacity;

    public long Processed => Interlocked.Read(ref processed);

    public long Emitted => Interlocked.Read(ref emitted);

    public int Busy => Volatile.Read(ref busy);

    internal void Began() => Interlocked.Increment(ref busy);

    internal void Ended()
    {
        Interlocked.Decrement(ref busy);
        Interlocked.Increment(ref processed);
    }

    internal void Emit() => Interlocked.Increment(ref emitted);
}
