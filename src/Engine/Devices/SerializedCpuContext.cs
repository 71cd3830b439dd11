using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Engine;

/// <summary>
/// The CPU device context the host hands to stages and tokenizers: model calls entered through it run one at a time.
/// Each call already uses every core (libtorch's intra-op threads), so letting the encode and decode stages run
/// theirs at once only oversubscribes the cores, and it adds their activations: the peak memory of a run then
/// depends on how often the two calls happen to overlap, which a long run hits more often than a short one.
/// Entering is re-entrant on the calling thread (a stage enters, then the tokenizer it calls enters again).
/// </summary>
internal sealed class SerializedCpuContext : IDeviceContext
{
    private readonly Lock gate = new();

    public Device Device => Device.Cpu;

    public long? StreamId => null;

    public IDisposable Enter()
    {
        gate.Enter();
        return new Exit(gate);
    }

    private sealed class Exit(Lock gate) : IDisposable
    {
        private int exited;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref exited, 1) == 0)
            {
                gate.Exit();
            }
        }
    }
}
