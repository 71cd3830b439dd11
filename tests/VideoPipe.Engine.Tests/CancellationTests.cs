namespace VideoPipe.Engine.Tests;

public sealed class CancellationTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private const string Pipeline = """
        {
          "tokenizers": { "main": { "family": "avgpool", "preset": "avgpool-8x4", "randomWeightsSeed": 0 } },
          "stages": [
            { "name": "source", "type": "source", "options": { "directory": "in" } },
            { "name": "decode", "type": "decode", "from": "source", "capacity": 1, "options": { "sizeMultiple": 8, "blockFrames": 2 } },
            { "name": "gate", "type": "gate", "from": "decode", "capacity": 1 },
            { "name": "write", "type": "write", "from": "gate", "capacity": 1, "options": { "directory": "out" } },
            { "name": "chunk", "type": "chunk", "from": "gate", "capacity": 1, "options": { "tokenizer": "main" } },
            { "name": "encode", "type": "encode", "from": "chunk", "options": { "tokenizer": "main" } },
            { "name": "store", "type": "store-latents", "from": "encode", "options": { "directory": "latents" } }
          ]
        }
        """;

    [Fact]
    public async Task AbortMidItemLeavesNoPartialOutputs()
    {
        TestVideos.Generate(temp.File("in"), "a.mp4", 32, 32, 13);
        TestVideos.Generate(temp.File("in"), "b.mp4", 32, 32, 13);
        using var abort = new CancellationTokenSource();
        using var components = TestComponents.Create(null, new GateStageType(3, abort.Cancel));
        var definition = PipelineHarness.Parse(temp.Path, Pipeline);

        var result = await PipelineHarness.RunAsync(definition, components, abort: abort.Token);

        Assert.Equal(PipelineOutcome.Aborted, result.Outcome);
        Assert.Equal(0, result.ItemsCompleted);
        Assert.Empty(Directory.GetFiles(temp.File("out"), "*", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(temp.File("latents"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task StoppingIntakeFinishesItemsInFlightAndStartsNoMore()
    {
        foreach (var name in new[] { "a.mp4", "b.mp4", "c.mp4", "d.mp4" })
        {
            TestVideos.Generate(temp.File("in"), name, 32, 32, 9);
        }

        using var stop = new CancellationTokenSource();
        using var components = TestComponents.Create(null, new GateStageType(1, stop.Cancel));
        var definition = PipelineHarness.Parse(temp.Path, Pipeline);

        var result = await PipelineHarness.RunAsync(definition, components, stopIntake: stop.Token);

        Assert.Equal(PipelineOutcome.Drained, result.Outcome);
        Assert.Equal(4, result.ExitCode);
        Assert.InRange(result.ItemsStarted, 1, 3);
        Assert.Equal(result.ItemsStarted, result.ItemsCompleted);
        Assert.Equal(result.ItemsCompleted, Directory.GetFiles(temp.File("out")).Length);
        Assert.Equal(result.ItemsCompleted, Directory.GetFiles(temp.File("latents")).Length);
    }
}
