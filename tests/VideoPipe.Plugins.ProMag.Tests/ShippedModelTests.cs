using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Torch;
using VideoPipe.Tests.Shared;

namespace VideoPipe.Plugins.ProMag.Tests;

/// <summary>The grown models in models/: their config is the preset they name, they load strictly and stay small.</summary>
public sealed class ShippedModelTests
{
    [Theory]
    [InlineData("promag-xs-8x", 3)]
    [InlineData("promag-xs-16x", 2)]
    public void TheGrownModelIsItsPresetLoadsStrictlyAndEncodesSeventeenFrames(string name, long latentFrames)
    {
        var folder = Repository.Path("models", name);
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "model.json"))).RootElement;
        Assert.Equal("promag", manifest.GetProperty("family").GetString());
        Assert.Equal(name, manifest.GetProperty("preset").GetString());
        var config = ProMagConfig.FromJson(JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "config.json"))).RootElement);
        Assert.Equal(ProMagPresets.Get(name).ToJson(), config.ToJson());
        var weights = Path.Combine(folder, "model.safetensors");
        Assert.InRange(new FileInfo(weights).Length, 1, 15_000_000);

        using var tokenizer = new ProMagFamily().Create(new TokenizerRequest { WeightsPath = weights, DeviceContext = CpuDeviceContext.Instance });
        using var scope = DisposeScope.Enter();
        var latents = tokenizer.Encode(TinyProMag.Video(17), EncodeOptions.Default);
        Assert.Equal([1, 8, latentFrames, 2, 2], latents.Shape);
    }
}
