using VideoPipe.Abstractions;
using VideoPipe.Torch;
using VideoPipe.Torch.Checkpoints;
using VideoPipe.Media;

namespace VideoPipe.Engine.Tests;

/// <summary>The one latent file format: what it keeps, and that files in precompute's earlier format still load.</summary>
public sealed class LatentFileFormatTests : IDisposable
{
    /// <summary>Written by precompute before the formats merged (testpool tokenizer, 9 frames at 16x16).</summary>
    private static readonly string LegacyFixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "precompute-v1.safetensors");

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void APrecomputeV1FileLoadsAsOneWholeClipTile()
    {
        var (metadata, tiles) = LatentFile.Load(LegacyFixture);
        using var tile = Assert.Single(tiles);

        Assert.Equal("15fce800783a37fb1742bfb13e6d0c9f", metadata.ItemId);
        Assert.Equal("f_testsrc_32.mp4", metadata.SourcePath);
        Assert.Equal("testpool", metadata.TokenizerFamily);
        Assert.Equal("testpool-4x8x8", metadata.TokenizerPreset);
        Assert.Equal("d4d2670c12a16225c229b08380cd655c596b6230da6e5734c4b8b5205f0ce1b5", metadata.WeightsSha256);
        Assert.Equal([0L, 1, 2, 3, 4, 5, 6, 7, 8], metadata.FrameIndices);
        Assert.Equal(new FrameSize(64, 64), metadata.OriginalSize);
        Assert.Equal(9, tile.Geometry.Frames);
        Assert.Equal(9, tile.Geometry.ValidFrames);
        Assert.True(tile.Geometry.IsLastTile);
        Assert.Equal(16, tile.Geometry.Fps);
        Assert.Equal([1L, 3, 3, 2, 2], tile.Latents.Shape);
        Assert.Equal(0.5, tile.Provenance.Scaling.Scale);
        Assert.True(tile.Provenance.ScalingApplied);
        Assert.Equal(PosteriorMode.Mean, tile.Provenance.Posterior);
    }

    [Fact]
    public void RewritingAV1FileKeepsEveryFieldItHad()
    {
        using var legacy = SafetensorsFile.Open(LegacyFixture);
        var rewritten = LatentFile.ReadMetadata(legacy, LegacyFixture).ToHeaderStrings();

        foreach (var (key, value) in legacy.Metadata.Where(m => m.Key != "format"))
        {
            Assert.True(rewritten.TryGetValue(key, out var kept), $"field '{key}' was lost");
            Assert.Equal(value, kept);
        }

        Assert.Equal(LatentFile.FormatName, rewritten["format"]);
    }

    [Fact]
    public void TilesAndMetadataSurviveARoundTrip()
    {
        var path = temp.File("clip.safetensors");
        using var first = Tensor.Arange(0, 2 * 3 * 2 * 2, 1, DType.Float32).View(1, 2, 3, 2, 2);
        using var second = Tensor.Arange(0, 2 * 2 * 2 * 2, 1, DType.Float32).View(1, 2, 2, 2, 2);
        var metadata = Metadata([Tile(0, false, 0, 9), Tile(1, true, 8, 5)]);

        LatentFile.Save(path, [first, second], metadata);
        var (loaded, tiles) = LatentFile.Load(path);

        try
        {
            Assert.Equal(metadata.ToHeaderStrings(), loaded.ToHeaderStrings());
            Assert.Equal(first.ToArray<float>(), tiles[0].Latents.ToArray<float>());
            Assert.Equal(second.Shape, tiles[1].Latents.Shape);
            Assert.Equal(metadata.Tiles, tiles.Select(t => t.Geometry));
            Assert.Equal(new Dictionary<string, string> { ["decode.fps"] = "8" }, loaded.Attributes);
            Assert.Equal(1.5, loaded.StartSeconds);
            Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp"));
        }
        finally
        {
            tiles.ForEach(t => t.Dispose());
        }
    }

    [Fact]
    public void AFileWithoutItsFormatIsRefusedByName()
    {
        var path = temp.File("other.safetensors");
        using var tensor = Tensor.Zeros([1, 2], DType.Float32);
        Safetensors.Save(path, new Dictionary<string, Tensor> { ["latent"] = tensor }, new Dictionary<string, string> { ["format"] = "pt" });

        var error = Assert.Throws<InvalidDataException>(() => LatentFile.Load(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("'pt'", error.Message);
    }

    [Fact]
    public async Task LoadLatentsReadsAV1FileAndStoreLatentsRewritesItInTheOneFormat()
    {
        File.Copy(LegacyFixture, temp.File("old.safetensors"));
        var definition = PipelineHarness.Parse(temp.Path, """
            {
              "stages": [
                { "name": "source", "type": "source", "options": { "files": ["old.safetensors"] } },
                { "name": "load", "type": "load-latents", "from": "source" },
                { "name": "store", "type": "store-latents", "from": "load", "options": { "directory": "new" } }
              ]
            }
            """);
        using var components = TestComponents.Create();

        var result = await PipelineHarness.RunAsync(definition, components);

        Assert.True(result.Outcome == PipelineOutcome.Completed, result.Failure);
        var rewritten = Assert.Single(Directory.GetFiles(temp.File("new")));
        Assert.Equal("15fce800783a37fb1742bfb13e6d0c9f.safetensors", Path.GetFileName(rewritten));
        var (metadata, tiles) = LatentFile.Load(rewritten);
        using var tile = Assert.Single(tiles);
        var (_, original) = LatentFile.Load(LegacyFixture);
        using var expected = Assert.Single(original);
        Assert.Equal(expected.Latents.ToArray<float>(), tile.Latents.ToArray<float>());
        Assert.Equal("testpool", metadata.TokenizerFamily);
        Assert.Equal([3L, 3, 2, 2], metadata.LatentShape);
    }

    private static TileGeometry Tile(int index, bool last, long first, int frames) => new()
    {
        TileIndex = index, IsLastTile = last, FirstFrame = first, Frames = frames, ValidFrames = frames, OverlapFrames = 1, Fps = 8,
    };

    private static LatentFileMetadata Metadata(IReadOnlyList<TileGeometry> tiles) =>
        SampleLatentMetadata.Create("0123456789abcdef0123456789abcdef", "videos/a.mp4", 0, 13, tiles) with
        {
            StartSeconds = 1.5,
            Posterior = PosteriorMode.Sample,
            Seed = 7,
            Attributes = new Dictionary<string, string> { ["decode.fps"] = "8" },
        };
}
