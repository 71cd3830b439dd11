namespace VideoPipe.Media.Processes;

/// <summary>
/// Links the caller's token with a per-item time limit, and tells a timeout apart from the caller's cancel.
/// </summary>
internal sealed class ItemDeadline : IDisposable
{
    private readonly CancellationTokenSource linked;
    private readonly CancellationToken callerToken;

    public ItemDeadline(TimeSpan? timeout, CancellationToken callerToken)
    {
        this.callerToken = callerToken;
        linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        Timeout = timeout;
        if (timeout is { } limit && limit != System.Threading.Timeout.InfiniteTimeSpan)
        {
            linked.CancelAfter(limit);
        }
    }

    public TimeSpan? Timeout { get; }

    public CancellationToken Token => linked.Token;

    /// <summary>True when the token fired because the time limit passed, not because the caller cancelled.</summary>
    public bool TimedOut => linked.IsCancellationRequested && !callerToken.IsCancellationRequested;

    public void Dispose() => linked.Dispose();
}
