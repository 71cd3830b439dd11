using VideoPipe.Engine;
using VideoPipe.Torch.Checkpoints;

namespace VideoPipe.Precompute.Tests;

/// <summary>--buckets: each source goes to the bucket nearest its aspect ratio (cover, centre crop, the bucket's frames fitted to the rule).</summary>
[Collection(VideoCollection.Name)]
public sealed class BucketTests(TestVideos videos) : IDisposable
{
    private readonly TempFolder temp = new();

    [Fact]
    public async Task EachSourceGoesToTheNearestAspectBucketWhichTheMetadataLedgerAndStatusRecord()
    {
        var input = videos.CopyInto(temp.Sub("in"));
        var output = Path.Combine(temp.Path, "out");
        string[] arguments =
        [
            "precompute", "--input", input, "--output", output, "--tokenizer", AveragePoolFamily.PresetName, "--weights", TestPluginFolder.CreateWeights(temp.Path),
            "--plugins", TestPluginFolder.Create(temp.Path), "--buckets", "64x64x10,80x48x7", "--item-timeout", "60",
        ];

        var run = await CliRunner.RunAsync(arguments);
        var status = await CliRunner.RunAsync(["precompute", "status", output]);

        Assert.True(run.ExitCode == 0, run.Output);
        var done = DatasetFiles.Ledger(output, ShardSpec.Single.Name).Where(r => r.Event == LedgerEvent.Done).ToList();
        // 64x48 (4:3) is nearer 80x48 (5:3) than 64x64 on a log scale; 80x64 (5:4) and the square ones go to 64x64.
        Assert.All(done.Where(r => r.Source!.EndsWith("d_rgbtest_29.mp4", StringComparison.Ordinal)), r => Assert.Equal("80x48x7", r.Bucket));
        Assert.All(done.Where(r => !r.Source!.EndsWith("d_rgbtest_29.mp4", StringComparison.Ordinal)), r => Assert.Equal("64x64x10", r.Bucket));
        // Frames fitted to the avgpool frame rule 1+4k: 10 -> 9, 7 -> 5.
        Assert.All(done, r => Assert.Equal(r.Bucket == "80x48x7" ? 5 : 9, r.Frames));
        var wide = done.First(r => r.Bucket == "80x48x7");
        using var file = SafetensorsFile.Open(Path.Combine(output, wide.Output!));
        Assert.Equal("80x48x7", LatentFileMetadata.FromHeaderStrings(file.Metadata, wide.Output!).Attributes["bucket"]);
        Assert.Equal(new long[] { 3, 2, 6, 10 }, file.Info(LatentFile.SingleTensorName).Shape.ToArray());
        Assert.True(status.ExitCode == 0, status.Output);
        Assert.Contains("latents per bucket:", status.Output);
        Assert.Contains($"{done.Count(r => r.Bucket == "80x48x7"),5}  80x48x7", status.Output);
    }

    [Fact]
    public async Task BucketsAndSizeTogetherAreASettingsError()
    {
        var run = await CliRunner.RunAsync(
            Precompute.CliArguments(temp.Sub("in"), Path.Combine(temp.Path, "out"), TestPluginFolder.Create(temp.Path), TestPluginFolder.CreateWeights(temp.Path), "--buckets", "64x64"));

        Assert.Equal(PrecomputeExitCodes.InvalidSettings, run.ExitCode);
        Assert.Contains("exclude each other", run.Output);
    }

    public void Dispose() => temp.Dispose();
}
