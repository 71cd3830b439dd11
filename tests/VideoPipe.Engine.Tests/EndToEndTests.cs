using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Media;
using VideoPipe.Torch.Checkpoints;

namespace VideoPipe.Engine.Tests;

/// <summary>Real stages on ffmpeg-generated clips with the average-pool test tokenizer.</summary>
public sealed class EndToEndTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private const string Tokenizers = """
        "tokenizers": { "main": { "family": "avgpool", "preset": "avgpool-8x4", "randomWeightsSeed": 0 } },
        """;

    [Fact]
    public async Task ReconstructWritesVideosAndMetricsForEveryClip()
    {
        TestVideos.Generate(temp.File("in"), "a.mp4", 64, 48, 17);
        TestVideos.Generate(temp.File("in"), "b.mp4", 40, 32, 12, pattern: "smptebars");
        var definition = PipelineHarness.Parse(temp.Path, $$"""
            {
              {{Tokenizers}}
              "stages": [
                { "name": "source", "type": "source", "options": { "directory": "in" } },
                { "name": "decode", "type": "decode", "from": "source", "parallelism": 2, "options": { "sizeMultiple": 8, "blockFrames": 4 } },
                { "name": "chunk", "type": "chunk", "from": "decode", "options": { "tokenizer": "main", "tileFrames": 9, "overlapFrames": 1 } },
                { "name": "encode", "type": "encode", "from": "chunk", "parallelism": 2, "options": { "tokenizer": "main" } },
                { "name": "decode-latents", "type": "decode-latents", "from": "encode", "parallelism": 2, "options": { "tokenizer": "main" } },
                { "name": "stitch", "type": "stitch", "from": "decode-latents" },
                { "name": "write", "type": "write", "from": "stitch", "options": { "directory": "out", "encoding": "lossless-ffv1" } },
                { "name": "metrics", "type": "metrics", "from": "stitch", "options": { "directory": "metrics" } }
              ]
            }
            """);
        var family = new AveragePoolFamily();
        using var components = TestComponents.Create(family);

        var result = await PipelineHarness.RunAsync(definition, components);

        Assert.True(result.Outcome == PipelineOutcome.Completed, result.Failure);
        Assert.Equal(2, result.ItemsCompleted);
        Assert.Equal(17 + 12, result.Frames);
        // encode and decode share one tokenizer instance.
        Assert.Single(family.Created);
        var videos = Directory.GetFiles(temp.File("out")).Order().ToList();
        Assert.Equal(2, videos.Count);
        Assert.All(videos, v => Assert.EndsWith(".mkv", v));
        var frames = new List<int>();
        foreach (var video in videos)
        {
            var count = 0;
            await foreach (var block in new VideoReader().ReadAsync(video))
            {
                count += block.Count;
                block.Dispose();
            }

            frames.Add(count);
        }

        Assert.Equal([12, 17], frames.Order());
        var clips = Directory.GetFiles(temp.File("metrics"), "*.metrics.json").Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement).ToList();
        Assert.Equal(2, clips.Count);
        foreach (var clip in clips)
        {
            var perFrame = clip.GetProperty("perFrame").EnumerateArray().ToList();
            Assert.Equal(clip.GetProperty("frames").GetInt32(), perFrame.Count);
            // An 8x8x4 average pool keeps coarse structure: well above noise, well below lossless.
            Assert.InRange(clip.GetProperty("psnr").GetDouble(), 10, 40);
            Assert.InRange(clip.GetProperty("ssim").GetDouble(), 0.05, 0.99);
        }

        var summary = JsonDocument.Parse(File.ReadAllText(temp.File("metrics/summary.json"))).RootElement;
        Assert.Equal(2, summary.GetProperty("clips").GetInt32());
        Assert.Equal(29, summary.GetProperty("frames").GetInt32());
    }

    [Fact]
    public async Task PrecomputedLatentsCarryProvenanceAndDecodeBack()
    {
        TestVideos.Generate(temp.File("in"), "a.mp4", 48, 32, 13);
        var precompute = PipelineHarness.Parse(temp.Path, $$"""
            {
              {{Tokenizers}}
              "stages": [
                { "name": "source", "type": "source", "options": { "files": ["in/a.mp4"] } },
                { "name": "decode", "type": "decode", "from": "source", "options": { "sizeMultiple": 8 } },
                { "name": "chunk", "type": "chunk", "from": "decode", "options": { "tokenizer": "main" } },
                { "name": "encode", "type": "encode", "from": "chunk", "options": { "tokenizer": "main", "posterior": "sample", "seed": 7 } },
                { "name": "store", "type": "store-latents", "from": "encode", "options": { "directory": "latents" } }
              ]
            }
            """);
        using var components = TestComponents.Create();
        var stored = await PipelineHarness.RunAsync(precompute, components);
        Assert.True(stored.Outcome == PipelineOutcome.Completed, stored.Failure);

        var file = Assert.Single(Directory.GetFiles(temp.File("latents")));
        var source = temp.File("in/a.mp4");
        var id = ItemId.ForSeconds("in/a.mp4", ContentHasher.Sha256(source), null, null);
        Assert.Equal(id + ".safetensors", Path.GetFileName(file));
        using (var latents = SafetensorsFile.Open(file))
        {
            var m = LatentFile.ReadMetadata(latents, file);
            Assert.Equal(LatentFile.FormatName, latents.Metadata["format"]);
            Assert.Equal(id, m.ItemId);
            Assert.Equal(Path.GetFullPath(source), m.SourcePath);
            Assert.Equal(ContentHasher.Sha256(source), m.SourceSha256);
            Assert.Equal(13, m.ClipFrames);
            Assert.Equal("avgpool", m.TokenizerFamily);
            Assert.Equal("avgpool-8x4", m.TokenizerPreset);
            Assert.Equal("1", m.TokenizerVersion);
            Assert.Equal(2, m.ScalingScale);
            Assert.Equal(0.25, m.ScalingShift);
            Assert.True(m.ScalingApplied);
            Assert.Equal(PosteriorMode.Sample, m.Posterior);
            Assert.Equal(7UL, m.Seed);
            Assert.Null(m.LatentShape);
            // 13 frames, tiles of 9 sharing 1: [0,9) and [8,13) padded to 13 -> 3 and 2... latents
            Assert.Equal(["latent.0000", "latent.0001"], latents.Entries.Select(e => e.Name).Order());
            Assert.Equal([0L, 8L], m.Tiles.Select(t => t.FirstFrame));
            Assert.Equal(4, latents.Entries[0].Shape.Count);
        }

        var reconstruct = PipelineHarness.Parse(temp.Path, $$"""
            {
              {{Tokenizers}}
              "stages": [
                { "name": "source", "type": "source", "options": { "directory": "latents", "pattern": "*.safetensors" } },
                { "name": "load", "type": "load-latents", "from": "source" },
                { "name": "decode", "type": "decode-latents", "from": "load", "options": { "tokenizer": "main" } },
                { "name": "stitch", "type": "stitch", "from": "decode" },
                { "name": "metrics", "type": "metrics", "from": "stitch", "options": { "directory": "metrics" } }
              ]
            }
            """);
        var decoded = await PipelineHarness.RunAsync(reconstruct, components);
        Assert.True(decoded.Outcome == PipelineOutcome.Completed, decoded.Failure);
        var metrics = JsonDocument.Parse(File.ReadAllText(Assert.Single(Directory.GetFiles(temp.File("metrics"), "*.metrics.json")))).RootElement;
        Assert.Equal(13, metrics.GetProperty("frames").GetInt32());
        Assert.InRange(metrics.GetProperty("psnr").GetDouble(), 10, 40);
    }

    [Fact]
    public async Task QuarantineSetsABrokenClipAsideAndFinishesTheRest()
    {
        TestVideos.Generate(temp.File("in"), "good.mp4", 32, 32, 5);
        File.WriteAllBytes(temp.File("in/broken.mp4"), new byte[4096]);
        var definition = PipelineHarness.Parse(temp.Path, $$"""
            {
              {{Tokenizers}}
              "errorPolicy": "quarantine",
              "stages": [
                { "name": "source", "type": "source", "options": { "directory": "in" } },
                { "name": "decode", "type": "decode", "from": "source", "options": { "sizeMultiple": 8 } },
                { "name": "chunk", "type": "chunk", "from": "decode", "options": { "tokenizer": "main" } },
                { "name": "encode", "type": "encode", "from": "chunk", "options": { "tokenizer": "main" } },
                { "name": "store", "type": "store-latents", "from": "encode", "options": { "directory": "latents" } }
              ]
            }
            """);
        using var components = TestComponents.Create();

        var result = await PipelineHarness.RunAsync(definition, components);

        Assert.Equal(PipelineOutcome.CompletedWithQuarantine, result.Outcome);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal(1, result.ItemsCompleted);
        var quarantined = Assert.Single(result.Quarantined);
        Assert.Equal(ItemId.ForSeconds("broken.mp4", ContentHasher.Sha256(temp.File("in/broken.mp4")), null, null), quarantined.ItemId);
        Assert.Equal("decode", quarantined.Stage);
        Assert.False(string.IsNullOrWhiteSpace(quarantined.Reason));
        Assert.Single(Directory.GetFiles(temp.File("latents")));

        var failFast = PipelineHarness.Parse(temp.Path, File.ReadAllText(temp.File("pipeline.json")), "errorPolicy=failFast");
        var failed = await PipelineHarness.RunAsync(failFast, components);
        Assert.Equal(PipelineOutcome.Failed, failed.Outcome);
        Assert.Contains("decode", failed.Failure);
    }
}
