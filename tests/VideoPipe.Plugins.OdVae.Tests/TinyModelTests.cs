using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.OdVae.Model;
using VideoPipe.Torch;
using VideoPipe.Tests.Shared;

namespace VideoPipe.Plugins.OdVae.Tests;

/// <summary>The odvae-tiny preset and the model shipped with it (models/odvae-tiny).</summary>
public class TinyModelTests
{
    private static string ModelFolder => Repository.Path("models", "odvae-tiny");

    [Fact]
    public void ThePresetIsTheReleasedLayoutNarrowedWithFewerNormGroups()
    {
        var tiny = OdVaePresets.Get(OdVaePresets.Tiny);

        Assert.Equal((OdVaePresets.Released with { HiddenSize = 32, HiddenSizeMult = [1, 1, 2, 2], NumResBlocks = 1, NormGroups = 8 }).ToJson(), tiny.ToJson());
        Assert.Equal((4, 8, 4), (tiny.TemporalCompression, tiny.SpatialCompression, tiny.EmbedDim));
    }

    [Fact]
    public void NormGroupsRoundTripsAndStaysOutOfUpstreamConfigs()
    {
        var tiny = OdVaePresets.Get(OdVaePresets.Tiny);
        using var written = JsonDocument.Parse(tiny.ToJson());

        Assert.Equal(8, written.RootElement.GetProperty("norm_groups").GetInt32());
        Assert.Equal(tiny.ToJson(), OdVaeConfig.FromJson(written.RootElement).ToJson());
        Assert.DoesNotContain("norm_groups", OdVaePresets.Released.ToJson());
    }

    [Fact]
    public void NormGroupsThatDoNotDivideALevelAreRefusedNamingTheKey()
    {
        using var config = JsonDocument.Parse("""{ "hidden_size": 32, "norm_groups": 12 }""");

        var error = Assert.Throws<ArgumentException>(() => OdVaeConfig.FromJson(config.RootElement));

        Assert.Contains("norm_groups", error.Message);
    }

    [Fact]
    public void TheShippedModelIsThePresetAndLoadsStrictly()
    {
        using var shipped = JsonDocument.Parse(File.ReadAllText(Path.Combine(ModelFolder, "config.json")));
        Assert.Equal(OdVaePresets.Get(OdVaePresets.Tiny).ToJson(), OdVaeConfig.FromJson(shipped.RootElement).ToJson());

        using var tokenizer = new OdVaeFamily().CreateTokenizer(new TokenizerRequest
        {
            Preset = OdVaePresets.Tiny,
            WeightsPath = Path.Combine(ModelFolder, "model.safetensors"),
            DeviceContext = CpuDeviceContext.Instance,
        });

        Assert.Equal(OdVaePresets.Tiny, tokenizer.Card.Variant);
        Assert.True(new FileInfo(Path.Combine(ModelFolder, "model.safetensors")).Length < 15_000_000);
    }
}
