using VideoPipe.Tests.Shared;

namespace VideoPipe.Precompute.Tests;

/// <summary>
/// `videopipe precompute` builds its Engine graph in code; pipelines/precompute.json is the same graph as JSON. Run on the
/// same videos with the same settings (the shipped default model), both write the same dataset byte for byte.
/// </summary>
[Collection(VideoCollection.Name)]
public sealed class PipelineFileTests(TestVideos videos) : IDisposable
{
    private readonly TempFolder temp = new();

    [Fact]
    public async Task TheShippedPipelineFileAndTheCommandWriteByteIdenticalDatasets()
    {
        var input = videos.CopyInto(temp.Sub("in"));
        var fromCode = Path.Combine(temp.Path, "code");
        var fromJson = Path.Combine(temp.Path, "json");

        var command = await CliRunner.RunAsync(
            ["precompute", "--input", input, "--output", fromCode, "--clip-frames", "17", "--clip-stride", "16", "--size", "64x64"]);
        var pipeline = Repository.Path("pipelines", "precompute.json");
        var file = await CliRunner.RunAsync(
        [
            "run", pipeline, "--set", $"stages.source.options.input={input}", "--set", $"datasets.latents.input={input}",
            "--set", $"datasets.latents.output={fromJson}", "--set", "datasets.latents.size=64x64",
        ]);

        Assert.True(command.ExitCode == 0, command.Output);
        Assert.True(file.ExitCode == 0, file.Output);
        var expected = DatasetFiles.Outputs(fromCode);
        Assert.Contains(expected.Keys, k => k.StartsWith("latents/", StringComparison.Ordinal));
        Assert.Equal(expected, DatasetFiles.Outputs(fromJson));
        var ledger = (string root) => DatasetFiles.Ledger(root, ShardSpec.Single.Name).Select(r => (r.Event, r.Item, r.Source, r.Output, r.Bytes)).ToList();
        Assert.Equal(ledger(fromCode), ledger(fromJson));
    }

    public void Dispose() => temp.Dispose();
}
