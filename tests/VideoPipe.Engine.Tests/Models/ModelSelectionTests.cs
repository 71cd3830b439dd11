namespace VideoPipe.Engine.Tests;

/// <summary>A command's tokenizer options with the shipped models filling in what is left out.</summary>
public sealed class ModelSelectionTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly string root;

    public ModelSelectionTests()
    {
        root = temp.File("models");
        ShippedModelsTests.Write(root, ShippedModels.DefaultName, """{ "family": "odvae", "preset": "odvae-tiny", "weights": "model.safetensors", "config": "config.json" }""");
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public void NothingNamedSelectsTheDefaultModelWithItsWeightsAndConfig()
    {
        var selection = ModelSelection.Resolve(null, null, null, null, [root]);

        Assert.Equal("odvae-tiny", selection.Tokenizer);
        Assert.Equal(Path.Combine(root, ShippedModels.DefaultName, "model.safetensors"), selection.WeightsPath);
        Assert.Equal(Path.Combine(root, ShippedModels.DefaultName, "config.json"), selection.ConfigPath);
        Assert.Null(selection.RandomWeightsSeed);
    }

    [Fact]
    public void ExplicitWeightsOrASeedPassThrough()
    {
        Assert.Equal(new ModelSelection("z16_dim64", "w.safetensors", null, null), ModelSelection.Resolve("z16_dim64", "w.safetensors", null, null, [root]));
        Assert.Equal(new ModelSelection("odvae", null, "c.json", 3UL), ModelSelection.Resolve("odvae", null, "c.json", 3, [root]));
    }

    [Fact]
    public void AnExportsConfigBesideItsWeightsIsUsed()
    {
        Directory.CreateDirectory(temp.File("export"));
        File.WriteAllText(temp.File("export/model.safetensors"), "weights");
        File.WriteAllText(temp.File("export/config.json"), "{}");

        Assert.Equal(temp.File("export/config.json"), ModelSelection.Resolve("odvae", temp.File("export/model.safetensors"), null, null, [root]).ConfigPath);
        Assert.Equal(temp.File("export/config.json"), ModelSelection.Resolve("odvae", temp.File("export"), null, null, [root]).ConfigPath);
        Assert.Equal("mine.json", ModelSelection.Resolve("odvae", temp.File("export"), "mine.json", null, [root]).ConfigPath);
    }

    [Fact]
    public void WeightsWithoutATokenizerAreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => ModelSelection.Resolve(null, "w.safetensors", null, null, [root]));

        Assert.Contains("--tokenizer is required", error.Message);
    }

    [Fact]
    public void APresetWithoutShippedWeightsNeedsWeightsAndListsTheShippedModels()
    {
        var error = Assert.Throws<ArgumentException>(() => ModelSelection.Resolve("odvae-v1.2", null, null, null, [root]));

        Assert.Contains("--weights is required for 'odvae-v1.2'", error.Message);
        Assert.Contains(ShippedModels.DefaultName, error.Message);
    }

    [Fact]
    public void AMissingDefaultSaysSo()
    {
        var error = Assert.Throws<ArgumentException>(() => ModelSelection.Resolve(null, null, null, null, [temp.File("empty")]));

        Assert.Contains($"the default model '{ShippedModels.DefaultName}' is not installed", error.Message);
    }
}
