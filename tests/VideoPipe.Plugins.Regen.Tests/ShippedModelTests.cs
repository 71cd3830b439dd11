using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.Conformance;
using VideoPipe.Torch;
using VideoPipe.Tests.Shared;

namespace VideoPipe.Plugins.Regen.Tests;

/// <summary>The REGEN models trained here (models/regen-tiny, regen-tiny-16): their config is their preset, they load strictly, stay small and decode seeded.</summary>
public sealed class ShippedModelTests
{
    [Theory]
    [InlineData("regen-tiny", 8)]
    [InlineData("regen-tiny-16", 16)]
    public void TheTrainedModelIsItsPresetLoadsStrictlyAndDecodesTheSameVideoFromTheSameSeed(string name, int ratio)
    {
        var folder = Repository.Path("models", name);
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "model.json"))).RootElement;
        Assert.Equal("regen", manifest.GetProperty("family").GetString());
        Assert.Equal(name, manifest.GetProperty("preset").GetString());
        var config = RegenConfig.FromJson(JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "config.json"))).RootElement);
        Assert.Equal(RegenPresets.Get(name).ToJson(), config.ToJson());
        var weights = Path.Combine(folder, "model.safetensors");
        Assert.InRange(new FileInfo(weights).Length, 1, 15_000_000);

        using var tokenizer = new RegenFamily().Create(new TokenizerRequest { WeightsPath = weights, DeviceContext = CpuDeviceContext.Instance });
        using var scope = DisposeScope.Enter();
        var video = TestVideos.Wave(1 + ratio, 16, 1, 5);
        var latents = tokenizer.Encode(video, EncodeOptions.Default);
        Assert.Equal([1, 8, 2, 2, 2], latents.Shape);
        var first = tokenizer.Decode(latents, new DecodeOptions { Seed = 7 });
        var again = tokenizer.Decode(latents, new DecodeOptions { Seed = 7 });
        Assert.Equal([1, 3, 1 + ratio, 16, 16], first.Shape);
        Assert.Equal(0.0, TestVideos.MaxAbsDiff(first, again));
    }
}
