using System.Collections.Concurrent;

namespace VideoPipe.Engine;

/// <summary>
/// The item timeout of a run: an item's clock starts when the first stage after its source takes it and stops when
/// it is done or set aside. Stages get a token cancelled at the deadline; a native call in progress (a model's
/// encode) is not interruptible, so such an item fails when the call returns.
/// </summary>
internal sealed class ItemDeadlines(TimeSpan? timeout)
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> running = new(StringComparer.Ordinal);

    /// <summary>The item's deadline token (its clock starts now if it had none); null without a timeout.</summary>
    public CancellationToken? Of(string itemId)
    {
        if (timeout is not { } limit)
        {
            return null;
        }

        // A losing racer's source is dropped undisposed: its timer fires into nothing.
        return running.GetOrAdd(itemId, static (_, span) => new CancellationTokenSource(span), limit).Token;
    }

    /// <summary>Stops the item's clock. Not disposed: a stage of the item may still hold its token.</summary>
    public void End(string itemId)
    {
        if (running.TryRemove(itemId, out var clock))
        {
            clock.CancelAfter(Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The error an item that ran out of time fails with.</summary>
    public TimeoutException Expired(Exception cause) => new($"the item took longer than the item timeout of {timeout!.Value.TotalSeconds:0.###} s", cause);
}
