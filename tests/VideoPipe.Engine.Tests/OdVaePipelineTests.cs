using System.Text.Json;
using VideoPipe.Torch.Checkpoints;
using VideoPipe.Tests.Shared;

namespace VideoPipe.Engine.Tests;

/// <summary>
/// The shipped pipelines with the real OD-VAE plugin (loaded through the plugin catalog) in the tiny configuration
/// of shared/goldens/odvae/case1, on a generated clip.
/// </summary>
public sealed class OdVaePipelineTests : IAsyncLifetime
{
    private readonly TempDirectory temp = new();
    private readonly string goldenCase = Repository.GoldenCase("odvae", "case1");
    private PluginCatalog catalog = null!;

    public Task InitializeAsync()
    {
        catalog = StagedPlugin.OpenCatalog("OdVae", temp);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await catalog.DisposeAsync();
        temp.Dispose();
    }

    private string[] TinyModel() =>
    [
        $"tokenizers.odvae.config={Path.Combine(goldenCase, "case.json")}",
        $"tokenizers.odvae.weights={Path.Combine(goldenCase, "weights.safetensors")}",
        "stages.decode.options.shorterSide=32",
        "stages.decode.parallelism=1",
        "stages.chunk.options.tileFrames=9",
    ];

    private PipelineDefinition Load(string pipeline, params string[] overrides)
    {
        var (definition, errors) = PipelineParser.LoadFile(Repository.Path("pipelines", pipeline), TinyModel().Concat(overrides));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return definition!;
    }

    [Fact]
    public async Task ReconstructPipelineRunsTheTinyOdVae()
    {
        TestVideos.Generate(temp.File("in"), "clip.mp4", 48, 32, 13);
        var definition = Load("reconstruct.json",
            $"stages.source.options.directory={temp.File("in")}",
            $"stages.write.options.directory={temp.File("videos")}",
            $"stages.metrics.options.directory={temp.File("metrics")}");
        using var components = catalog.Acquire();

        var result = await PipelineHarness.RunAsync(definition, components);

        Assert.True(result.Outcome == PipelineOutcome.Completed, result.Failure + string.Join("; ", result.Quarantined));
        Assert.Single(Directory.GetFiles(temp.File("videos"), "*.mp4"));
        var metrics = JsonDocument.Parse(File.ReadAllText(Assert.Single(Directory.GetFiles(temp.File("metrics"), "*.metrics.json")))).RootElement;
        Assert.Equal(13, metrics.GetProperty("frames").GetInt32());
        // Random tiny weights reconstruct nothing in particular, but every frame must be scored.
        Assert.All(metrics.GetProperty("perFrame").EnumerateArray(), f => Assert.InRange(f.GetProperty("psnr").GetDouble(), 0.1, 100));
    }

    [Fact]
    public async Task PrecomputePipelineStoresOdVaeLatentsFromAManifest()
    {
        TestVideos.Generate(temp.File("in"), "clip.mp4", 32, 32, 20);
        File.WriteAllText(temp.File("manifest.jsonl"), """
            {"path": "in/clip.mp4", "id": "first-second", "start": 0, "end": 1.0}
            {"path": "in/clip.mp4", "id": "tail", "start": 1.0}
            """);
        var definition = Load("encode-tiles.json",
            $"stages.source.options.manifest={temp.File("manifest.jsonl")}",
            $"stages.store.options.directory={temp.File("latents")}");
        using var components = catalog.Acquire();

        var result = await PipelineHarness.RunAsync(definition, components);

        Assert.True(result.Outcome == PipelineOutcome.Completed, result.Failure + string.Join("; ", result.Quarantined));
        Assert.Equal(["first-second.safetensors", "tail.safetensors"], Directory.GetFiles(temp.File("latents")).Select(Path.GetFileName).Order());
        using var file = SafetensorsFile.Open(temp.File("latents/first-second.safetensors"));
        Assert.Equal(LatentFile.FormatName, file.Metadata["format"]);
        Assert.Equal("odvae", file.Metadata["tokenizer_family"]);
        Assert.Equal("10", file.Metadata["clip_frames"]);
        Assert.Equal("0", file.Metadata["start_seconds"]);
        Assert.Equal("1", file.Metadata["end_seconds"]);
        Assert.Equal("true", file.Metadata["scaling_applied"]);
        Assert.Equal("mean", file.Metadata["posterior"]);
        // 10 frames in tiles of 9 sharing 1: [0,9) and [8,10) padded to 5 -> 3 + 2 latent frames of 4 channels at 4x4.
        Assert.Equal(new long[] { 4, 3, 4, 4 }, file.Info("latent.0000").Shape.ToArray());
        Assert.Equal(new long[] { 4, 2, 4, 4 }, file.Info("latent.0001").Shape.ToArray());
    }
}
