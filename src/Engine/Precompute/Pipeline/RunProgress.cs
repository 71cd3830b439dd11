using System.Diagnostics;

namespace VideoPipe.Precompute;

/// <summary>Counters of one shard run (thread-safe), for the progress log and the final summary.</summary>
public sealed class RunProgress
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private int sourcesFinished;
    private int encoded;
    private int recovered;
    private int quarantined;
    private int failedAttempts;

    /// <summary>The shard's sources (known once the work list is read).</summary>
    public int Sources { get; set; }

    public int SourcesFinished => Volatile.Read(ref sourcesFinished);

    public int Encoded => Volatile.Read(ref encoded);

    public int Recovered => Volatile.Read(ref recovered);

    public int Quarantined => Volatile.Read(ref quarantined);

    public int FailedAttempts => Volatile.Read(ref failedAttempts);

    public TimeSpan Elapsed => clock.Elapsed;

    public void SourceFinished() => Interlocked.Increment(ref sourcesFinished);

    public void ClipEncoded() => Interlocked.Increment(ref encoded);

    public void ClipRecovered() => Interlocked.Increment(ref recovered);

    public void QuarantinedOne() => Interlocked.Increment(ref quarantined);

    public void AttemptFailed() => Interlocked.Increment(ref failedAttempts);

    public double ClipsPerSecond => Encoded / Math.Max(1e-9, Elapsed.TotalSeconds);

    /// <summary>Time left, from this run's pace per source (null until a source needing work has finished).</summary>
    public TimeSpan? EstimatedRemaining
    {
        get
        {
            var worked = SourcesFinished;
            var left = Sources - SourcesFinished;
            return worked <= 0 ? null : TimeSpan.FromSeconds(Elapsed.TotalSeconds / worked * left);
        }
    }
}
