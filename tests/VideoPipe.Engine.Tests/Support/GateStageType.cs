using VideoPipe.Abstractions;

namespace VideoPipe.Engine.Tests;

/// <summary>Passes frame blocks through and runs an action when the n-th block goes by (to interrupt a run mid-item).</summary>
internal sealed class GateStageType(int triggerAt, Action trigger) : IStageType
{
    public string Name => "gate";

    public string Description => "test pass-through";

    public PortKind Input => PortKind.Frames;

    public PortKind Output => PortKind.Frames;

    public IReadOnlyList<StageOption> Options => [];

    public IStage Create(StageContext context) => new Stage(triggerAt, trigger);

    private sealed class Stage(int triggerAt, Action trigger) : IStage
    {
        private int seen;

        public async ValueTask ProcessAsync(StageMessage message, IStageEmitter output, CancellationToken cancellationToken)
        {
            var block = (FrameBlock)message.Payload;
            await output.EmitAsync(message with { Payload = new FrameBlock(block.Frames.Clone(), block.FirstFrame, block.Fps) }, cancellationToken);
            if (Interlocked.Increment(ref seen) == triggerAt)
            {
                trigger();
            }
        }
    }
}
