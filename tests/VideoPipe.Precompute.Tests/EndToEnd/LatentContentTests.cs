using System.Text.Json.Nodes;
using VideoPipe.Abstractions;
using VideoPipe.Media;
using VideoPipe.Torch;
using VideoPipe.Torch.Checkpoints;
using VideoPipe.Engine;

namespace VideoPipe.Precompute.Tests;

/// <summary>In-process runs: what the latent files hold, value for value and field for field.</summary>
[Collection(VideoCollection.Name)]
public sealed class LatentContentTests(TestVideos videos) : IDisposable
{
    private readonly TempFolder temp = new();

    [Fact]
    public async Task LatentsEqualTheTokenizerOnTheDecodedClipAndCarryTheirMetadata()
    {
        var input = videos.CopyInto(temp.Sub("in"));
        var output = Path.Combine(temp.Path, "out");
        var weights = TestPluginFolder.CreateWeights(temp.Path);
        var outcome = await Precompute.RunInProcessAsync(Precompute.Options(input, output, weights));
        Assert.Equal(PrecomputeExitCodes.Completed, outcome.ExitCode);

        var files = Directory.EnumerateFiles(Path.Combine(output, "latents"), "*.safetensors", SearchOption.AllDirectories).ToList();
        Assert.Equal(Precompute.GoodClips, files.Count);

        // Clip 1 of the 80x64 mandelbrot: frames 8..16, resized to 80x64 (already covers 64x64), centre cut at x=8.
        var source = Path.Combine(input, "b_mandelbrot_25.mp4");
        var window = new ClipWindow(1, 8, 9);
        var (id, path) = await DatasetFiles.LatentFileAsync(output, outcome, input, "b_mandelbrot_25.mp4", window);
        using var file = SafetensorsFile.Open(path);
        var meta = LatentFileMetadata.HeaderStringsToJson(file.Metadata);
        Assert.Equal("b_mandelbrot_25.mp4", meta["source_path"]!.GetValue<string>());
        Assert.Equal(id, meta["item_id"]!.GetValue<string>());
        Assert.Equal(Enumerable.Range(8, 9).Select(i => (long)i), meta["frame_indices"]!.AsArray().Select(n => n!.GetValue<long>()));
        Assert.Equal(0.5, meta["frame_pts"]!.AsArray()[0]!.GetValue<double>(), 6);
        Assert.Equal(16.0, meta["source_fps"]!.GetValue<double>());
        Assert.Equal("[80,64]", meta["original_size"]!.ToJsonString());
        Assert.Equal("[8,0,64,64]", meta["crop_box"]!.ToJsonString());
        Assert.Equal("[64,64]", meta["processed_size"]!.ToJsonString());
        Assert.Equal("[3,3,8,8]", meta["latent_shape"]!.ToJsonString());
        Assert.Equal("float32", meta["latent_dtype"]!.GetValue<string>());
        Assert.True(meta["scaling_applied"]!.GetValue<bool>());
        Assert.Equal("mean", meta["posterior"]!.GetValue<string>());
        Assert.Null(meta["seed"]);
        Assert.Equal(outcome.Fingerprint, meta["config_fingerprint"]!.GetValue<string>());
        Assert.Equal(await ContentHasher.Sha256Async(weights, CancellationToken.None), meta["weights_sha256"]!.GetValue<string>());
        Assert.DoesNotContain(file.Metadata.Values, v => v.Contains(DateTime.UtcNow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-", StringComparison.Ordinal));

        using var stored = file.Load(LatentFile.SingleTensorName);
        using var tokenizer = new AveragePoolTokenizer(DType.Float32);
        using var expected = await DirectEncoding.EncodeCentreCropAsync(tokenizer, source, window, 64);
        Assert.Equal(expected.Shape, stored.Shape);
        Assert.Equal(expected.ToArray<float>(), stored.ToArray<float>());
    }

    [Fact]
    public async Task SampledPosteriorRecordsItsPerItemSeed()
    {
        var input = videos.CopyInto(temp.Sub("in"));
        var output = Path.Combine(temp.Path, "out");
        var options = Precompute.Options(input, output, TestPluginFolder.CreateWeights(temp.Path)) with { Posterior = PosteriorMode.Sample, Seed = 77 };
        var outcome = await Precompute.RunInProcessAsync(options);
        Assert.Equal(PrecomputeExitCodes.Completed, outcome.ExitCode);
        var seeds = Directory.EnumerateFiles(Path.Combine(output, "latents"), "*.safetensors", SearchOption.AllDirectories)
            .Select(p =>
            {
                using var file = SafetensorsFile.Open(p);
                Assert.Equal("sample", file.Metadata["posterior"]);
                return (Id: file.Metadata["item_id"], Seed: ulong.Parse(file.Metadata["seed"], System.Globalization.CultureInfo.InvariantCulture));
            })
            .ToList();
        Assert.All(seeds, s => Assert.Equal(ItemId.SampleSeed(77, s.Id), s.Seed));
        Assert.Equal(seeds.Count, seeds.Select(s => s.Seed).Distinct().Count());
    }

    public void Dispose() => temp.Dispose();
}
