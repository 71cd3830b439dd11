using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.OdVae;
using VideoPipe.Torch;
using VideoPipe.Torch.Checkpoints;
using VideoPipe.Engine;
using VideoPipe.Tests.Shared;

namespace VideoPipe.Precompute.Tests;

/// <summary>Precompute with the real OD-VAE plugin in the tiny configuration of shared/goldens/odvae/case1.</summary>
[Collection(VideoCollection.Name)]
public sealed class OdVaePrecomputeTests(TestVideos videos) : IDisposable
{
    private readonly TempFolder temp = new();

    [Fact]
    public async Task StoredLatentsEqualTheOdVaeEncodeOfTheSameClip()
    {
        var caseDir = Repository.GoldenCase("odvae", "case1");
        var weights = Path.Combine(caseDir, "weights.safetensors");
        var config = Path.Combine(caseDir, "case.json");
        var input = videos.CopyInto(temp.Sub("in"));
        var output = Path.Combine(temp.Path, "out");
        var options = Precompute.Options(input, output, weights) with { Tokenizer = "odvae", TokenizerConfigPath = config };

        var outcome = await Precompute.RunInProcessAsync(options, new OdVaeFamily());

        Assert.Equal(PrecomputeExitCodes.Completed, outcome.ExitCode);
        var files = Directory.EnumerateFiles(Path.Combine(output, "latents"), "*.safetensors", SearchOption.AllDirectories).ToList();
        Assert.Equal(Precompute.GoodClips, files.Count);

        var source = Path.Combine(input, "b_mandelbrot_25.mp4");
        var window = new ClipWindow(1, 8, 9);
        using var file = SafetensorsFile.Open((await DatasetFiles.LatentFileAsync(output, outcome, input, "b_mandelbrot_25.mp4", window)).Path);
        Assert.Equal("odvae", file.Metadata["tokenizer_family"]);
        var meta = LatentFileMetadata.HeaderStringsToJson(file.Metadata);
        Assert.Equal("[4,3,8,8]", meta["latent_shape"]!.ToJsonString());
        Assert.True(meta["scaling_applied"]!.GetValue<bool>());

        using var configDocument = JsonDocument.Parse(File.ReadAllText(config));
        using var tokenizer = new OdVaeFamily().CreateTokenizer(new TokenizerRequest
        {
            Config = configDocument.RootElement.GetProperty("config").Clone(),
            WeightsPath = weights,
            DeviceContext = CpuDeviceContext.Instance,
        });
        using var stored = file.Load(LatentFile.SingleTensorName);
        using var expected = await DirectEncoding.EncodeCentreCropAsync(tokenizer, source, window, 64);
        Assert.Equal(expected.Shape, stored.Shape);
        Assert.True(stored.AllClose(expected, rtol: 0, atol: 1e-6), "stored latents differ from a direct OD-VAE encode of the same frames");
    }

    public void Dispose() => temp.Dispose();
}
