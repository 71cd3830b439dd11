using VideoPipe.Abstractions;

namespace VideoPipe.Engine.Tests;

/// <summary>Takes frames and keeps nothing.</summary>
internal sealed class SinkStageType : IStageType
{
    public string Name => "sink";

    public string Description => "test: swallows frames";

    public PortKind Input => PortKind.Frames;

    public PortKind Output => PortKind.None;

    public IReadOnlyList<StageOption> Options => [];

    public IStage Create(StageContext context) => new Stage();

    private sealed class Stage : IStage
    {
        public ValueTask ProcessAsync(StageMessage message, IStageEmitter output, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
