using System.Diagnostics;
using System.Text;

namespace VideoPipe.Precompute.Tests;

/// <summary>The real CLI, killed and signalled: resumed datasets equal an uninterrupted run byte for byte.</summary>
[Collection(VideoCollection.Name)]
public sealed class CrashSafetyTests(TestVideos videos) : IDisposable
{
    private readonly TempFolder temp = new();

    [Fact]
    public async Task KilledAtRandomMomentsThenResumedEqualsAnUninterruptedRun()
    {
        var (input, plugins, weights) = Prepare();
        var reference = Path.Combine(temp.Path, "reference");
        var first = await CliRunner.RunAsync(Precompute.CliArguments(input, reference, plugins, weights));
        Assert.True(first.ExitCode == 0, first.Output);

        var resumed = Path.Combine(temp.Path, "resumed");
        var random = new Random(20240611);
        var kills = 0;
        for (var round = 0; round < 8 && kills < 4; round++)
        {
            // Kill once the ledger has grown by a random number of items, after a further short random delay, so
            // the kills land at different points of the work (mid-encode, mid-write, between write and ledger
            // line). On a fast machine a whole run can finish inside a long delay, so the delay stays short and
            // a run that finished anyway leaves nothing for the next round.
            var doneBefore = DoneCount(resumed);
            if (doneBefore >= Precompute.GoodClips)
            {
                break;
            }

            var target = doneBefore + random.Next(1, 4);
            var extra = TimeSpan.FromMilliseconds(random.Next(0, 120));
            // Each clip's encode takes >= 150 ms, so a run cannot finish between reaching the target and the kill.
            using var process = CliRunner.Start(Precompute.CliArguments(input, resumed, plugins, weights), Paced);
            var output = new StringBuilder();
            var pumps = Task.WhenAll(CliRunner.PumpAsync(process.StandardOutput, output), CliRunner.PumpAsync(process.StandardError, output));
            while (!process.HasExited && DoneCount(resumed) < target)
            {
                await Task.Delay(10);
            }

            await Task.Delay(extra);
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                kills++;
            }

            await process.WaitForExitAsync();
            await pumps;
        }

        Assert.True(kills >= 3, $"only {kills} runs were killed before finishing (at least 3 needed)");
        var last = await CliRunner.RunAsync(Precompute.CliArguments(input, resumed, plugins, weights));
        Assert.True(last.ExitCode == 0, last.Output);

        Assert.Equal(DatasetFiles.Outputs(reference), DatasetFiles.Outputs(resumed));
        Assert.Empty(DatasetFiles.Temporaries(resumed));
        var ledger = LedgerState.From(DatasetFiles.Ledger(resumed, ShardSpec.Single.Name));
        Assert.True(ledger.IsComplete);
        Assert.Equal(Precompute.GoodClips, ledger.Done.Count);
        Assert.Equal(TestVideos.GoodCount, ledger.SourcesDone.Count);
        Assert.All(ledger.Done.Values, r => Assert.True(File.Exists(Path.Combine(resumed, r.Output!))));
        Assert.Equal(
            LedgerState.From(DatasetFiles.Ledger(reference, ShardSpec.Single.Name)).Done.Keys.Order(),
            ledger.Done.Keys.Order());
    }

    [Fact]
    public async Task SigtermDrainsFlushesTheLedgerAndExitsForARerun()
    {
        var (input, plugins, weights) = Prepare();
        var output = Path.Combine(temp.Path, "out");
        using var process = CliRunner.Start(Precompute.CliArguments(input, output, plugins, weights, "--grace-period", "30"), Paced);
        var log = new StringBuilder();
        var pumps = Task.WhenAll(CliRunner.PumpAsync(process.StandardOutput, log), CliRunner.PumpAsync(process.StandardError, log));
        var deadline = Stopwatch.StartNew();
        while (!LedgerHasDone(output) && !process.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(20);
        }

        Assert.False(process.HasExited, "the run finished before it could be signalled: " + log);
        Signals.Send(process.Id, Signals.SigTerm);
        await process.WaitForExitAsync();
        await pumps;
        Assert.True(process.ExitCode == PrecomputeExitCodes.Interrupted, $"exit {process.ExitCode}: {log}");

        var records = DatasetFiles.Ledger(output, ShardSpec.Single.Name);
        Assert.Equal(LedgerEvent.Stopped, records[^1].Event);
        var done = LedgerState.From(records).Done;
        Assert.InRange(done.Count, 1, Precompute.GoodClips - 1);
        Assert.All(done.Values, r => Assert.True(File.Exists(Path.Combine(output, r.Output!))));

        var rerun = await CliRunner.RunAsync(Precompute.CliArguments(input, output, plugins, weights));
        Assert.True(rerun.ExitCode == 0, rerun.Output);
        var state = LedgerState.From(DatasetFiles.Ledger(output, ShardSpec.Single.Name));
        Assert.Equal(Precompute.GoodClips, state.Done.Count);
        Assert.DoesNotContain(state.Done.Values, r => r.Recovered == true && done.ContainsKey(r.Item!));
    }

    private static readonly Dictionary<string, string> Paced = new() { [AveragePoolTokenizer.EncodeDelayVariable] = "150" };

    private static int DoneCount(string output)
    {
        var ledgerRoot = Path.Combine(output, "ledger");
        return Directory.Exists(ledgerRoot)
            ? Directory.EnumerateFiles(ledgerRoot, "*.jsonl", SearchOption.AllDirectories).Sum(f => LedgerState.From(LedgerReader.ReadFile(f)).Done.Count)
            : 0;
    }

    private static bool LedgerHasDone(string output)
    {
        var ledgerRoot = Path.Combine(output, "ledger");
        return Directory.Exists(ledgerRoot)
            && Directory.EnumerateFiles(ledgerRoot, "*.jsonl", SearchOption.AllDirectories).Any(f => LedgerReader.ReadFile(f).Any(r => r.Event == LedgerEvent.Done));
    }

    private (string Input, string Plugins, string Weights) Prepare() =>
        (videos.CopyInto(temp.Sub("in")), TestPluginFolder.Create(temp.Path), TestPluginFolder.CreateWeights(temp.Path));

    public void Dispose() => temp.Dispose();
}
