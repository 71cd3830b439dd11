using System.Collections.Concurrent;

namespace VideoPipe.Engine;

/// <summary>
/// Live counters of a run, read by progress displays and tests: items in flight (started by the source, not yet
/// through every terminal stage), messages alive, frames, and per-stage queue fill.
/// </summary>
/// <remarks>
/// Two frame counts: <see cref="Frames"/> are the frames read (emitted by stages that take items, i.e. decode);
/// <see cref="FramesDone"/> are the frames that left the pipeline's last frame-producing stage
/// (<see cref="FramesDoneStage"/>: stitch in a reconstruction, decode when frames only go on to be encoded),
/// counted as they are handed to its consumers. Progress and the ETA use the frames done.
/// </remarks>
public sealed class PipelineMonitor(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, StageGauge> stages = new(StringComparer.Ordinal);
    private readonly FrameProgress frameProgress = new(time);
    private const long NotYet = long.MinValue;
    private long startedAt = NotYet;
    private long stoppedAt = NotYet;
    private int itemsStarted;
    private int itemsFinished;
    private int peakItemsInFlight;
    private long messagesAlive;
    private long peakMessagesAlive;
    private long frames;
    private string? framesDoneStage;

    public PipelineMonitor()
        : this(TimeProvider.System)
    {
    }

    public int ItemsStarted => Volatile.Read(ref itemsStarted);

    /// <summary>Items completed or quarantined.</summary>
    public int ItemsFinished => Volatile.Read(ref itemsFinished);

    public int ItemsInFlight => ItemsStarted - ItemsFinished;

    public int PeakItemsInFlight => Volatile.Read(ref peakItemsInFlight);

    public long MessagesAlive => Interlocked.Read(ref messagesAlive);

    public long PeakMessagesAlive => Interlocked.Read(ref peakMessagesAlive);

    /// <summary>Frames read by the decode stages.</summary>
    public long Frames => Interlocked.Read(ref frames);

    /// <summary>Frames that left <see cref="FramesDoneStage"/>.</summary>
    public long FramesDone => frameProgress.Done;

    /// <summary>The stage whose emitted frames count as done; null until the run starts or when no stage emits frames.</summary>
    public string? FramesDoneStage => Volatile.Read(ref framesDoneStage);

    /// <summary>Frames the run will produce, when the item count is known and every item's decode stage reported its length.</summary>
    public long? FramesTotal => frameProgress.Total(ItemsTotal);

    /// <summary>True when <see cref="FramesTotal"/> includes estimated lengths.</summary>
    public bool FramesTotalIsEstimate => frameProgress.TotalIsEstimate;

    /// <summary>Total items when the source knows it up front.</summary>
    public int? ItemsTotal { get; internal set; }

    public TimeSpan Elapsed
    {
        get
        {
            var start = Interlocked.Read(ref startedAt);
            var stop = Interlocked.Read(ref stoppedAt);
            return start == NotYet ? TimeSpan.Zero : time.GetElapsedTime(start, stop == NotYet ? time.GetTimestamp() : stop);
        }
    }

    /// <summary>Frames done per second over the last few seconds; before that (or without frames done) the average since the start.</summary>
    public double FramesPerSecond => frameProgress.RecentFramesPerSecond()
        ?? (Elapsed.TotalSeconds > 0 ? FramesDone / Elapsed.TotalSeconds : 0);

    /// <summary>
    /// Time left: (frames total − frames done) / recent frame rate when the total is known; otherwise from the item
    /// rate so far (null until an item finished or without an item total).
    /// </summary>
    public TimeSpan? EstimatedRemaining => frameProgress.Remaining(ItemsTotal) ?? ItemRemaining();

    /// <summary>True when <see cref="EstimatedRemaining"/> comes from frames rather than items.</summary>
    public bool RemainingIsFrameBased => frameProgress.Remaining(ItemsTotal) is not null;

    private TimeSpan? ItemRemaining()
    {
        var done = ItemsFinished;
        if (ItemsTotal is not { } total || done == 0)
        {
            return null;
        }

        return TimeSpan.FromSeconds(Elapsed.TotalSeconds / done * Math.Max(0, total - done));
    }

    public IReadOnlyList<StageGauge> Stages => stages.Values.OrderBy(s => s.Order).ToList();

    internal void Start() => Interlocked.Exchange(ref startedAt, time.GetTimestamp());

    internal void Stop() => Interlocked.Exchange(ref stoppedAt, time.GetTimestamp());

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

    /// <summary>An item's expected frame count, from its decode stage; items of unknown length report nothing.</summary>
    internal void AddItemLength(long count, bool estimated) => frameProgress.AddItemLength(count, estimated);

    internal void AddFramesDone(long count) => frameProgress.AddDone(count);

    /// <summary>The first stage to claim it (pipeline order) counts frames done; true for that stage.</summary>
    internal bool ClaimFramesDoneStage(string stage) => (Interlocked.CompareExchange(ref framesDoneStage, stage, null) ?? stage) == stage;
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
