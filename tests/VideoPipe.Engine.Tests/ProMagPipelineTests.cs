using System.Text.Json;
using VideoPipe.Torch.Checkpoints;
using VideoPipe.Tests.Shared;

namespace VideoPipe.Engine.Tests;

/// <summary>
/// The shipped pipelines with the ProMAG plugin (promag-xs-8x, seeded random weights) on its card's tiling: 17-frame
/// tiles sharing 4 frames, blended on decode as the paper does.
/// </summary>
public sealed class ProMagPipelineTests : IAsyncLifetime
{
    private readonly TempDirectory temp = new();
    private PluginCatalog catalog = null!;

    public Task InitializeAsync()
    {
        catalog = StagedPlugin.OpenCatalog("ProMag", temp);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await catalog.DisposeAsync();
        temp.Dispose();
    }

    private PipelineDefinition Load(string pipeline, params string[] overrides)
    {
        string[] tiny =
        [
            "tokenizers.odvae.family=promag", "tokenizers.odvae.preset=promag-xs-8x", "tokenizers.odvae.randomWeightsSeed=3",
            "stages.decode.options.shorterSide=16", "stages.decode.parallelism=1",
            "stages.chunk.options.tileFrames=17", "stages.chunk.options.overlapFrames=4",
        ];
        var (definition, errors) = PipelineParser.LoadFile(Repository.Path("pipelines", pipeline), tiny.Concat(overrides));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return definition!;
    }

    [Fact]
    public async Task ReconstructBlendsOverlappingSeventeenFrameTiles()
    {
        TestVideos.Generate(temp.File("in"), "clip.mp4", 16, 16, 40);
        var definition = Load("reconstruct.json",
            "stages.stitch.options.overlap=blend",
            $"stages.source.options.directory={temp.File("in")}",
            $"stages.write.options.directory={temp.File("videos")}",
            $"stages.metrics.options.directory={temp.File("metrics")}");
        using var components = catalog.Acquire();

        var result = await PipelineHarness.RunAsync(definition, components);

        Assert.True(result.Outcome == PipelineOutcome.Completed, result.Failure + string.Join("; ", result.Quarantined));
        var metrics = JsonDocument.Parse(File.ReadAllText(Assert.Single(Directory.GetFiles(temp.File("metrics"), "*.metrics.json")))).RootElement;
        Assert.Equal(40, metrics.GetProperty("frames").GetInt32());
    }

    [Fact]
    public async Task PrecomputeStoresOneLatentPerTile()
    {
        TestVideos.Generate(temp.File("in"), "clip.mp4", 16, 16, 30);
        File.WriteAllText(temp.File("manifest.jsonl"), """{"path": "in/clip.mp4", "id": "clip"}""" + "\n");
        var definition = Load("encode-tiles.json",
            $"stages.source.options.manifest={temp.File("manifest.jsonl")}",
            $"stages.store.options.directory={temp.File("latents")}");
        using var components = catalog.Acquire();

        var result = await PipelineHarness.RunAsync(definition, components);

        Assert.True(result.Outcome == PipelineOutcome.Completed, result.Failure + string.Join("; ", result.Quarantined));
        using var file = SafetensorsFile.Open(temp.File("latents/clip.safetensors"));
        Assert.Equal("promag", file.Metadata["tokenizer_family"]);
        // 30 frames in tiles of 17 sharing 4: [0,17) and [13,30) -> 3 latent frames of 8 channels at 2x2 each.
        Assert.Equal(new long[] { 8, 3, 2, 2 }, file.Info("latent.0000").Shape.ToArray());
        Assert.Equal(new long[] { 8, 3, 2, 2 }, file.Info("latent.0001").Shape.ToArray());
    }

    [Fact]
    public async Task DecodeSettingsReachTheFamilyAndAnUnreadableValueStopsTheRunBeforeAnyItem()
    {
        TestVideos.Generate(temp.File("in"), "clip.mp4", 16, 16, 17);
        PipelineDefinition Reconstruct(string tile) => Load("reconstruct.json",
            $"stages.decode-latents.options.settings.spatial_tile={tile}",
            $"stages.source.options.directory={temp.File("in")}",
            $"stages.write.options.directory={temp.File($"videos{tile}")}",
            $"stages.metrics.options.directory={temp.File($"metrics{tile}")}");
        using var components = catalog.Acquire();

        var tiled = await PipelineHarness.RunAsync(Reconstruct("8"), components);
        var refused = await PipelineHarness.RunAsync(Reconstruct("-3"), components);

        Assert.True(tiled.Outcome == PipelineOutcome.Completed, tiled.Failure + string.Join("; ", tiled.Quarantined));
        Assert.NotEqual(PipelineOutcome.Completed, refused.Outcome);
        Assert.Contains("ProMAG setting 'spatial_tile' must be 0 (untiled) or a positive number of pixels, got '-3'", refused.Failure);
        Assert.Empty(refused.Quarantined);
        Assert.False(Directory.Exists(temp.File("videos-3")) && Directory.EnumerateFiles(temp.File("videos-3")).Any());
    }
}
