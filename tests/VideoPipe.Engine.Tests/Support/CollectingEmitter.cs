using VideoPipe.Abstractions;

namespace VideoPipe.Engine.Tests;

internal sealed class CollectingEmitter : IStageEmitter
{
    public List<StageMessage> Messages { get; } = [];

    public ValueTask EmitAsync(StageMessage message, CancellationToken cancellationToken)
    {
        Messages.Add(message);
        return ValueTask.CompletedTask;
    }
}
