using VideoPipe.Engine;

namespace VideoPipe.Precompute.Tests;

/// <summary>
/// The pipeline's one attempt policy (precompute's --max-attempts) bounds the dataset's encode retries: a clip whose
/// encode fails is called again and recorded with its attempts, and quarantined alone once they run out.
/// </summary>
[Collection(VideoCollection.Name)]
public sealed class AttemptPolicyTests(TestVideos videos) : IDisposable
{
    private readonly TempFolder temp = new();

    [Theory]
    [InlineData(3, 2, false)]
    [InlineData(2, 1, true)]
    public async Task AFailingEncodeIsRetriedUpToThePipelinesAttempts(int attempts, int failedLines, bool quarantined)
    {
        var input = temp.Sub("in");
        File.Copy(Path.Combine(videos.Good, "c_smptebars_17.mkv"), Path.Combine(input, "c_smptebars_17.mkv"));
        var config = Path.Combine(temp.Path, "failing.json");
        File.WriteAllText(config, """{"fail_first_encodes": 2}""");
        var output = Path.Combine(temp.Path, "out");
        var options = Precompute.Options(input, output, TestPluginFolder.CreateWeights(temp.Path)) with { TokenizerConfigPath = config, MaxAttempts = attempts };

        var outcome = await Precompute.RunInProcessAsync(options);

        Assert.Equal(PrecomputeExitCodes.Completed, outcome.ExitCode);
        var ledger = DatasetFiles.Ledger(output, ShardSpec.Single.Name);
        var state = LedgerState.From(ledger);
        var failed = ledger.Where(r => r.Event == LedgerEvent.Failed).ToList();
        Assert.Equal(failedLines, failed.Count);
        Assert.All(failed, r => Assert.Contains("test failure of encode call", r.Reason));
        if (quarantined)
        {
            var item = Assert.Single(state.QuarantinedItems.Values);
            Assert.Equal(attempts, item.Attempts);
            Assert.Contains("IOException: test failure of encode call 2", item.Reason);
            Assert.Single(state.Done);
        }
        else
        {
            Assert.Empty(state.QuarantinedItems);
            Assert.Equal([1, attempts], state.Done.Values.Select(r => r.Attempts ?? 0).Order());
        }
    }

    public void Dispose() => temp.Dispose();
}
