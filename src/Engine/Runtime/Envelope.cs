using VideoPipe.Abstractions;

namespace VideoPipe.Engine;

/// <summary>
/// A message on its way to one or more consumers. The payload is disposed when the last consumer releases it,
/// so fan-out (write + metrics from one stitch) shares tensors without copies.
/// </summary>
internal sealed class Envelope(StageMessage message, int consumers, Action released)
{
    private int remaining = consumers;

    public StageMessage Message { get; } = message;

    public void Release()
    {
        if (Interlocked.Decrement(ref remaining) == 0)
        {
            (Message.Payload as IDisposable)?.Dispose();
            released();
        }
    }
}
