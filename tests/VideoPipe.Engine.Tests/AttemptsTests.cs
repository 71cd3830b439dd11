using VideoPipe.Abstractions;

namespace VideoPipe.Engine.Tests;

/// <summary>"attempts": a retryable stage that fails before emitting is called again with the same message; others are not.</summary>
public sealed class AttemptsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private async Task<(PipelineResult Result, FlakyStageType Flaky)> RunAsync(int attempts, bool retryable, bool emitFirst)
    {
        var definition = PipelineHarness.Parse(temp.Path, $$"""
            {
              "errorPolicy": "quarantine",
              "attempts": {{attempts}},
              "stages": [
                { "name": "source", "type": "blocks" },
                { "name": "flaky", "type": "flaky", "from": "source" },
                { "name": "sink", "type": "sink", "from": "flaky" }
              ]
            }
            """);
        var flaky = new FlakyStageType(failures: 2, retryable, emitFirst);
        using var components = TestComponents.Create(null, new BlocksSourceType(), flaky, new SinkStageType());
        return (await PipelineHarness.RunAsync(definition, components), flaky);
    }

    [Fact]
    public async Task ARetryableStageGetsItsAttemptsAndTheItemsComplete()
    {
        var (result, flaky) = await RunAsync(attempts: 3, retryable: true, emitFirst: false);

        Assert.Equal(PipelineOutcome.Completed, result.Outcome);
        Assert.Equal(2, result.ItemsCompleted);
        Assert.Equal(6, flaky.Calls);
    }

    [Fact]
    public async Task TooFewAttemptsQuarantineWithTheLastReason()
    {
        var (result, flaky) = await RunAsync(attempts: 2, retryable: true, emitFirst: false);

        Assert.Equal(PipelineOutcome.CompletedWithQuarantine, result.Outcome);
        Assert.Equal(2, result.Quarantined.Count);
        Assert.All(result.Quarantined, q => Assert.Contains("failure 2", q.Reason));
        Assert.Equal(4, flaky.Calls);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public async Task AStageThatIsNotRetryableOrAlreadyEmittedIsNotCalledAgain(bool retryable, bool emitFirst)
    {
        var (result, flaky) = await RunAsync(attempts: 3, retryable, emitFirst);

        Assert.Equal(2, result.Quarantined.Count);
        Assert.Equal(2, flaky.Calls);
    }

    [Fact]
    public void AttemptsBelowOneAreRejectedByName()
    {
        File.WriteAllText(temp.File("bad.json"), """
            { "attempts": 0, "stages": [ { "name": "source", "type": "source", "options": { "files": ["a.mp4"] } } ] }
            """);

        var (definition, errors) = PipelineParser.LoadFile(temp.File("bad.json"), []);

        Assert.Null(definition);
        Assert.Contains(errors, e => e.ToString().Contains("$.attempts", StringComparison.Ordinal));
    }

    /// <summary>Fails the first <c>failures</c> calls of each item (optionally after emitting), then passes blocks on.</summary>
    private sealed class FlakyStageType(int failures, bool retryable, bool emitFirst) : IStageType
    {
        private int calls;

        public int Calls => Volatile.Read(ref calls);

        public string Name => "flaky";

        public string Description => "test: fails a few times per item";

        public PortKind Input => PortKind.Frames;

        public PortKind Output => PortKind.Frames;

        public IReadOnlyList<StageOption> Options => [];

        public IStage Create(StageContext context) => retryable ? new RetryableStage(this) : new Stage(this);

        private async ValueTask ProcessAsync(Dictionary<string, int> seen, StageMessage message, IStageEmitter output, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            var count = seen[message.Item.Id] = seen.GetValueOrDefault(message.Item.Id) + 1;
            var block = (FrameBlock)message.Payload;
            if (emitFirst || count > failures)
            {
                await output.EmitAsync(message with { Payload = new FrameBlock(block.Frames.Clone(), block.FirstFrame, block.Fps) }, cancellationToken);
            }

            if (count <= failures)
            {
                throw new InvalidOperationException($"failure {count}");
            }
        }

        private class Stage(FlakyStageType type) : IStage
        {
            private readonly Dictionary<string, int> seen = [];

            public ValueTask ProcessAsync(StageMessage message, IStageEmitter output, CancellationToken cancellationToken) =>
                type.ProcessAsync(seen, message, output, cancellationToken);
        }

        private sealed class RetryableStage(FlakyStageType type) : Stage(type), IRetryableStage;
    }
}
