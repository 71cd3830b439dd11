using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Engine.Tests;

/// <summary>itemTimeoutSeconds: an item that takes too long is quarantined with the reason; the others finish.</summary>
public sealed class ItemTimeoutTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task AnItemPastTheTimeoutIsQuarantinedAndTheOthersFinish()
    {
        var definition = PipelineHarness.Parse(temp.Path, """
            {
              "errorPolicy": "quarantine",
              "itemTimeoutSeconds": 1,
              "stages": [
                { "name": "source", "type": "blocks" },
                { "name": "stall", "type": "stall", "from": "source", "parallelism": 2 },
                { "name": "sink", "type": "sink", "from": "stall" }
              ]
            }
            """);
        using var components = TestComponents.Create(null, new BlocksSourceType(), new StallStageType(), new SinkStageType());

        var result = await PipelineHarness.RunAsync(definition, components);

        var quarantines = string.Join("; ", result.Quarantined.Select(q => $"{q.SourcePath} at {q.Stage}: {q.Reason}"));
        Assert.True(result.Outcome == PipelineOutcome.CompletedWithQuarantine, $"{result.Outcome}: {result.Failure} {quarantines}");
        Assert.True(result.ItemsCompleted == 1, quarantines);
        var quarantined = Assert.Single(result.Quarantined);
        Assert.Equal("slow.mp4", quarantined.SourcePath);
        Assert.Equal("stall", quarantined.Stage);
        Assert.Contains("item timeout of 1 s", quarantined.Reason);
    }

    [Fact]
    public void ANonPositiveTimeoutIsRejectedByName()
    {
        File.WriteAllText(temp.File("bad.json"), """
            { "itemTimeoutSeconds": 0, "stages": [ { "name": "source", "type": "source", "options": { "files": ["a.mp4"] } } ] }
            """);

        var (definition, errors) = PipelineParser.LoadFile(temp.File("bad.json"), []);

        Assert.Null(definition);
        Assert.Contains(errors, e => e.ToString().Contains("$.itemTimeoutSeconds", StringComparison.Ordinal));
    }

    /// <summary>Passes frames through, except that it waits 30 s (or until cancelled) on items whose source is named slow.</summary>
    private sealed class StallStageType : IStageType
    {
        public string Name => "stall";

        public string Description => "test: stalls items of slow sources";

        public PortKind Input => PortKind.Frames;

        public PortKind Output => PortKind.Frames;

        public IReadOnlyList<StageOption> Options => [];

        public IStage Create(StageContext context) => new Stage();

        private sealed class Stage : IStage
        {
            public async ValueTask ProcessAsync(StageMessage message, IStageEmitter output, CancellationToken cancellationToken)
            {
                if (message.Item.SourcePath == "slow.mp4")
                {
                    await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
                }

                var block = (FrameBlock)message.Payload;
                await output.EmitAsync(message with { Payload = new FrameBlock(block.Frames.Clone(), block.FirstFrame, block.Fps) }, cancellationToken);
            }
        }
    }
}
