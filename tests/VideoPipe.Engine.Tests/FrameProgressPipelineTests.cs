namespace VideoPipe.Engine.Tests;

/// <summary>
/// The decode stage reports each item's expected length to the monitor (exact from the container's frame count,
/// an estimate when resampling), and frames done are counted at the last stage that emits frames.
/// </summary>
public sealed class FrameProgressPipelineTests : IDisposable
{
    private const int ClipFrames = 23;

    private readonly TempDirectory temp = new();

    public FrameProgressPipelineTests() => TestVideos.Generate(temp.File("in"), "a.mp4", 32, 24, ClipFrames);

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task AnExactLengthIsReportedAndEqualsTheFramesDecoded()
    {
        var monitor = await RunDecodeAsync("""{ "blockFrames": 4 }""");

        Assert.Equal(ClipFrames, monitor.FramesTotal);
        Assert.False(monitor.FramesTotalIsEstimate);
        Assert.Equal(ClipFrames, monitor.Frames);
        Assert.Equal("decode", monitor.FramesDoneStage);
        Assert.Equal(ClipFrames, monitor.FramesDone);
    }

    [Fact]
    public async Task TheFrameLimitCapsTheReportedLength()
    {
        var monitor = await RunDecodeAsync("""{ "maxFrames": 7 }""");

        Assert.Equal(7, monitor.FramesTotal);
        Assert.False(monitor.FramesTotalIsEstimate);
        Assert.Equal(7, monitor.Frames);
    }

    [Fact]
    public async Task AResampledLengthIsAnEstimateCloseToTheFramesDecoded()
    {
        var monitor = await RunDecodeAsync("""{ "fps": 4 }""");

        Assert.True(monitor.FramesTotalIsEstimate);
        Assert.InRange(monitor.FramesTotal!.Value, monitor.Frames - 1, monitor.Frames + 1);
    }

    [Fact]
    public async Task AReconstructionCountsStitchedFramesAgainstEveryItemsLength()
    {
        TestVideos.Generate(temp.File("in"), "b.mp4", 40, 32, 12, pattern: "smptebars");
        var definition = PipelineHarness.Parse(temp.Path, """
            {
              "tokenizers": { "main": { "family": "avgpool", "preset": "avgpool-8x4", "randomWeightsSeed": 0 } },
              "stages": [
                { "name": "source", "type": "source", "options": { "directory": "in" } },
                { "name": "decode", "type": "decode", "from": "source", "options": { "sizeMultiple": 8, "blockFrames": 4 } },
                { "name": "chunk", "type": "chunk", "from": "decode", "options": { "tokenizer": "main", "tileFrames": 9, "overlapFrames": 1 } },
                { "name": "encode", "type": "encode", "from": "chunk", "options": { "tokenizer": "main" } },
                { "name": "decode-latents", "type": "decode-latents", "from": "encode", "options": { "tokenizer": "main" } },
                { "name": "stitch", "type": "stitch", "from": "decode-latents" },
                { "name": "write", "type": "write", "from": "stitch", "options": { "directory": "out" } }
              ]
            }
            """);
        using var components = TestComponents.Create(new AveragePoolFamily());
        var monitor = new PipelineMonitor();

        var result = await PipelineHarness.RunAsync(definition, components, monitor);

        Assert.True(result.Outcome == PipelineOutcome.Completed, result.Failure);
        Assert.Equal("stitch", monitor.FramesDoneStage);
        Assert.Equal(ClipFrames + 12, monitor.FramesTotal);
        Assert.Equal(ClipFrames + 12, monitor.FramesDone);
        Assert.Equal(TimeSpan.Zero, monitor.EstimatedRemaining);
    }

    private async Task<PipelineMonitor> RunDecodeAsync(string decodeOptions)
    {
        var definition = PipelineHarness.Parse(temp.Path, $$"""
            {
              "stages": [
                { "name": "source", "type": "source", "options": { "files": ["in/a.mp4"] } },
                { "name": "decode", "type": "decode", "from": "source", "options": {{decodeOptions}} },
                { "name": "write", "type": "write", "from": "decode", "options": { "directory": "out" } }
              ]
            }
            """);
        using var components = TestComponents.Create();
        var monitor = new PipelineMonitor();
        var result = await PipelineHarness.RunAsync(definition, components, monitor);
        Assert.True(result.Outcome == PipelineOutcome.Completed, result.Failure);
        return monitor;
    }
}
