using VideoPipe.Abstractions;

namespace VideoPipe.Engine;

/// <summary>Passes messages on and counts them: a failed attempt that emitted nothing may be retried.</summary>
internal sealed class CountingEmitter(IStageEmitter inner) : IStageEmitter
{
    public int Emitted { get; private set; }

    public async ValueTask EmitAsync(StageMessage message, CancellationToken cancellationToken)
    {
        await inner.EmitAsync(message, cancellationToken);
        Emitted++;
    }
}
