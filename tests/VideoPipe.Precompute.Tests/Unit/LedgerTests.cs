namespace VideoPipe.Precompute.Tests;

public sealed class LedgerTests : IDisposable
{
    private readonly TempFolder temp = new();

    [Fact]
    public async Task TornTailIsSkippedAndTheNextAppendStartsOnAFreshLine()
    {
        var path = Path.Combine(temp.Path, "ledger", "00000-of-00001.jsonl");
        await using (var ledger = await ShardLedger.OpenAsync(path, TimeProvider.System, CancellationToken.None))
        {
            await ledger.AppendAsync(new LedgerRecord { Event = LedgerEvent.Done, Item = "a", Output = "latents/x/a.safetensors", Bytes = 10 }, CancellationToken.None);
        }

        await File.AppendAllTextAsync(path, "{\"event\":\"done\",\"item\":\"b\",\"out");
        await using (var ledger = await ShardLedger.OpenAsync(path, TimeProvider.System, CancellationToken.None))
        {
            await ledger.AppendAsync(new LedgerRecord { Event = LedgerEvent.Quarantined, Item = "c", Reason = "bad", Attempts = 3 }, CancellationToken.None);
        }

        var records = LedgerReader.ReadFile(path);
        Assert.Equal(["a", "c"], records.Select(r => r.Item));
        var state = LedgerState.From(records);
        Assert.True(state.Done.ContainsKey("a"));
        Assert.Equal("bad", state.QuarantinedItems["c"].Reason);
        Assert.All(records, r => Assert.NotEqual(default, r.Time));
    }

    [Fact]
    public void LaterDoneClearsAnEarlierQuarantine()
    {
        var state = LedgerState.From(
        [
            new LedgerRecord { Event = LedgerEvent.Started, Sources = 2 },
            new LedgerRecord { Event = LedgerEvent.Quarantined, Item = "x", Reason = "timeout" },
            new LedgerRecord { Event = LedgerEvent.Done, Item = "x" },
            new LedgerRecord { Event = LedgerEvent.Failed, Item = "y", Attempts = 1 },
            new LedgerRecord { Event = LedgerEvent.Completed },
        ]);
        Assert.Empty(state.QuarantinedItems);
        Assert.Single(state.Done);
        Assert.Equal(1, state.FailedAttempts);
        Assert.True(state.IsComplete);
    }

    [Fact]
    public void ANewRunStartMakesTheShardIncompleteAgain()
    {
        var state = LedgerState.From([new LedgerRecord { Event = LedgerEvent.Completed }, new LedgerRecord { Event = LedgerEvent.Started }]);
        Assert.False(state.IsComplete);
    }

    public void Dispose() => temp.Dispose();
}
