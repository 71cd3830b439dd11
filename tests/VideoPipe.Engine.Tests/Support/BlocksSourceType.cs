using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Engine.Tests;

/// <summary>A source of two items, fast.mp4 and slow.mp4, of one 2-frame block each (no ffmpeg involved).</summary>
internal sealed class BlocksSourceType : IStageType
{
    public string Name => "blocks";

    public string Description => "test: two items of one block";

    public PortKind Input => PortKind.None;

    public PortKind Output => PortKind.Frames;

    public IReadOnlyList<StageOption> Options => [];

    public IStage Create(StageContext context) => new Stage();

    private sealed class Stage : IStage
    {
        public async ValueTask ProcessAsync(StageMessage message, IStageEmitter output, CancellationToken cancellationToken)
        {
            string[] names = ["fast.mp4", "slow.mp4"];
            for (var i = 0; i < names.Length; i++)
            {
                var item = new WorkItem { Id = names[i], SourcePath = names[i], Index = i };
                var block = new FrameBlock(Tensor.Zeros([2, 8, 8, 3], DType.UInt8), 0, 10);
                await output.EmitAsync(new StageMessage(item, block, EndOfItem: true), cancellationToken);
            }
        }
    }
}
