using System.Formats.Tar;
using System.Text.Json.Nodes;

namespace VideoPipe.Precompute.Tests;

/// <summary>The real CLI: shards partition the work, bad inputs are quarantined, merge and status report.</summary>
[Collection(VideoCollection.Name)]
public sealed class ShardAndQuarantineTests(TestVideos videos) : IDisposable
{
    private readonly TempFolder temp = new();

    [Fact]
    public async Task TwoShardsRunSeparatelyUnionToTheUnshardedRunWithoutOverlap()
    {
        var (input, plugins, weights) = Prepare(withBad: false);
        var whole = Path.Combine(temp.Path, "whole");
        var sharded = Path.Combine(temp.Path, "sharded");
        var single = await CliRunner.RunAsync(Precompute.CliArguments(input, whole, plugins, weights));
        Assert.True(single.ExitCode == 0, single.Output);

        // Shard 0 from the option, shard 1 from a Slurm array environment, both at once into one folder.
        var shard0 = CliRunner.RunAsync(Precompute.CliArguments(input, sharded, plugins, weights, "--shard", "0/2"));
        var shard1 = CliRunner.RunAsync(
            Precompute.CliArguments(input, sharded, plugins, weights),
            new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "1", ["SLURM_ARRAY_TASK_MIN"] = "0", ["SLURM_ARRAY_TASK_MAX"] = "1" });
        var results = await Task.WhenAll(shard0, shard1);
        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Output));

        Assert.Equal(DatasetFiles.Outputs(whole), DatasetFiles.Outputs(sharded));
        var done0 = LedgerState.From(DatasetFiles.Ledger(sharded, "00000-of-00002")).Done.Keys.ToHashSet();
        var done1 = LedgerState.From(DatasetFiles.Ledger(sharded, "00001-of-00002")).Done.Keys.ToHashSet();
        Assert.NotEmpty(done0);
        Assert.NotEmpty(done1);
        Assert.Empty(done0.Intersect(done1));
        Assert.Equal(Precompute.GoodClips, done0.Count + done1.Count);

        var merge = await CliRunner.RunAsync(["precompute", "merge", sharded]);
        Assert.True(merge.ExitCode == 0, merge.Output);
        Assert.Equal(Precompute.GoodClips, File.ReadAllLines(Path.Combine(sharded, "manifest.jsonl")).Length);
    }

    [Fact]
    public async Task BadVideosAreQuarantinedWithReasonsAndTheRestCompletes()
    {
        var (input, plugins, weights) = Prepare(withBad: true);
        var output = Path.Combine(temp.Path, "out");
        var run = await CliRunner.RunAsync(Precompute.CliArguments(input, output, plugins, weights));
        Assert.True(run.ExitCode == 0, run.Output);

        var state = LedgerState.From(DatasetFiles.Ledger(output, ShardSpec.Single.Name));
        Assert.True(state.IsComplete);
        Assert.Equal(Precompute.GoodClips, state.Done.Count);
        Assert.Equal(["bad/audio_only.mkv", "bad/corrupt.mp4", "bad/empty.mp4"], state.QuarantinedSources.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("NoVideoStream", state.QuarantinedSources["bad/audio_only.mkv"].Reason);
        Assert.Contains("EmptyFile", state.QuarantinedSources["bad/empty.mp4"].Reason);
        Assert.All(state.QuarantinedSources.Values, r => Assert.True(r.Attempts >= 1));

        var status = await CliRunner.RunAsync(["precompute", "status", output]);
        Assert.True(status.ExitCode == 0, status.Output);
        Assert.Contains("complete", status.Output);
        Assert.Contains("17 latents, 3 quarantined", status.Output);
        Assert.Contains("NoVideoStream", status.Output);

        var merge = await CliRunner.RunAsync(["precompute", "merge", output]);
        Assert.True(merge.ExitCode == 0, merge.Output);
        var manifest = File.ReadAllLines(Path.Combine(output, "manifest.jsonl")).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(Precompute.GoodClips, manifest.Count);
        Assert.All(manifest, line => Assert.True(File.Exists(Path.Combine(output, line["path"]!.GetValue<string>()))));
        Assert.Equal(manifest.Select(l => (l["source_path"]!.GetValue<string>(), l["clip_start"]!.GetValue<long>())).Order(), manifest.Select(l => (l["source_path"]!.GetValue<string>(), l["clip_start"]!.GetValue<long>())));
        Assert.Equal(3, File.ReadAllLines(Path.Combine(output, "quarantine.jsonl")).Length);
    }

    [Fact]
    public async Task MergeRefusesWhileAShardIsMissing()
    {
        var (input, plugins, weights) = Prepare(withBad: false);
        var output = Path.Combine(temp.Path, "out");
        var run = await CliRunner.RunAsync(Precompute.CliArguments(input, output, plugins, weights, "--shard", "1/3"));
        Assert.True(run.ExitCode == 0, run.Output);
        var merge = await CliRunner.RunAsync(["precompute", "merge", output]);
        Assert.NotEqual(0, merge.ExitCode);
        Assert.Contains("2 never ran (0, 2)", merge.Output);
        Assert.False(File.Exists(Path.Combine(output, "manifest.jsonl")));
    }

    [Fact]
    public async Task WebDatasetShardsHoldEveryLatentAndItsJson()
    {
        var (input, plugins, weights) = Prepare(withBad: false);
        var output = Path.Combine(temp.Path, "wds");
        var run = await CliRunner.RunAsync(Precompute.CliArguments(input, output, plugins, weights, "--format", "wds", "--archive-gb", "0.00002"));
        Assert.True(run.ExitCode == 0, run.Output);
        var archives = Directory.EnumerateFiles(Path.Combine(output, "wds"), "*.tar", SearchOption.AllDirectories).Order().ToList();
        Assert.True(archives.Count > 1, $"expected several small archives, got {archives.Count}");

        var members = new List<string>();
        foreach (var archive in archives)
        {
            using var reader = new TarReader(File.OpenRead(archive));
            while (reader.GetNextEntry() is { } entry)
            {
                members.Add(entry.Name);
                Assert.Equal(DateTimeOffset.UnixEpoch, entry.ModificationTime);
            }
        }

        Assert.Equal(2 * Precompute.GoodClips, members.Count);
        var keys = members.Select(m => m[..m.IndexOf('.')]).Distinct().ToList();
        Assert.Equal(Precompute.GoodClips, keys.Count);
        Assert.All(keys, k => Assert.Contains(k + ".latent.safetensors", members));
        Assert.All(keys, k => Assert.Contains(k + ".json", members));

        var merge = await CliRunner.RunAsync(["precompute", "merge", output]);
        Assert.True(merge.ExitCode == 0, merge.Output);
        var manifest = File.ReadAllLines(Path.Combine(output, "manifest.jsonl")).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(Precompute.GoodClips, manifest.Count);
        Assert.All(manifest, line => Assert.EndsWith(".tar", line["archive"]!.GetValue<string>()));
        Assert.Empty(DatasetFiles.Temporaries(output));
    }

    private (string Input, string Plugins, string Weights) Prepare(bool withBad) =>
        (videos.CopyInto(temp.Sub("in"), withBad), TestPluginFolder.Create(temp.Path), TestPluginFolder.CreateWeights(temp.Path));

    public void Dispose() => temp.Dispose();
}
