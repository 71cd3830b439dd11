namespace VideoPipe.Engine.Tests;

public sealed class BackpressureTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task SlowSinkBoundsItemsInFlightAndMemory()
    {
        const int items = 300, payload = 512 * 1024;
        var counter = new BallastCounter();
        var monitor = new PipelineMonitor();
        var sink = new SlowSinkType(TimeSpan.FromMilliseconds(2));
        using var components = TestComponents.Create(null, new BurstSourceType(counter, items, payload), new RelayType(counter), sink);
        var definition = PipelineHarness.Parse(temp.Path, """
            {
              "defaults": { "capacity": 3 },
              "stages": [
                { "name": "source", "type": "burst" },
                { "name": "relay", "type": "relay", "from": "source", "capacity": 2, "parallelism": 2 },
                { "name": "sink", "type": "slow-sink", "from": "relay" }
              ]
            }
            """);

        var result = await PipelineHarness.RunAsync(definition, components, monitor);

        Assert.Equal(PipelineOutcome.Completed, result.Outcome);
        Assert.Equal(items, result.ItemsCompleted);
        // channels: relay 2 + sink 3; workers: source 1 + relay 2 + sink 1.
        const int bound = 2 + 3 + 1 + 2 + 1;
        Assert.InRange(monitor.PeakItemsInFlight, 1, bound);
        // Each relay worker may hold its input and its not-yet-accepted output at once.
        Assert.InRange(counter.Peak, 1, bound + 2);
        Assert.Equal(0, counter.Alive);
        Assert.Equal(0, monitor.MessagesAlive);
        // Unbounded, the heap would grow to ~items*payload (150 MiB); bounded it stays within the in-flight payloads.
        Assert.NotEmpty(sink.HeapSamples);
        var growth = sink.HeapSamples.Max() - sink.HeapSamples.Min();
        Assert.True(growth < (bound + 2) * (long)payload + 8 * 1024 * 1024, $"heap grew by {growth / 1024 / 1024} MiB");
    }
}
