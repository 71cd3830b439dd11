namespace VideoPipe.Engine.Tests;

/// <summary>Shipped models are found by name under the given roots; a broken manifest is an error naming it.</summary>
public sealed class ShippedModelsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void FindsAModelByNameWithItsFiles()
    {
        var root = temp.File("models");
        Write(root, "tiny", """{ "family": "odvae", "preset": "odvae-tiny", "weights": "model.safetensors", "config": "config.json" }""");

        var model = ShippedModels.Find("tiny", [root]);

        Assert.NotNull(model);
        Assert.Equal(("tiny", "odvae", "odvae-tiny"), (model.Name, model.Family, model.Preset));
        Assert.Equal(Path.Combine(root, "tiny", "model.safetensors"), model.WeightsPath);
        Assert.Equal(Path.Combine(root, "tiny", "config.json"), model.ConfigPath);
    }

    [Fact]
    public void TheFirstRootWinsAndAllListsEachNameOnce()
    {
        var first = temp.File("a");
        var second = temp.File("b");
        Write(first, "m", """{ "family": "odvae", "preset": "p1", "weights": "model.safetensors", "config": "config.json" }""");
        Write(second, "m", """{ "family": "odvae", "preset": "p2", "weights": "model.safetensors", "config": "config.json" }""");
        Write(second, "n", """{ "family": "ivvae", "preset": "p3", "weights": "model.safetensors", "config": "config.json" }""");

        Assert.Equal("p1", ShippedModels.Find("m", [first, second])!.Preset);
        Assert.Equal(["m", "n"], ShippedModels.All([first, second]).Select(m => m.Name));
        Assert.Equal("m, n", ShippedModels.Names([first, second]));
    }

    [Fact]
    public void ForPresetNeedsTheSameFamily()
    {
        var root = temp.File("models");
        Write(root, "odvae-tiny", """{ "family": "odvae", "preset": "odvae-tiny", "weights": "model.safetensors", "config": "config.json" }""");

        Assert.NotNull(ShippedModels.ForPreset("odvae", "odvae-tiny", [root]));
        Assert.Null(ShippedModels.ForPreset("ivvae", "odvae-tiny", [root]));
        Assert.Null(ShippedModels.ForPreset("odvae", null, [root]));
    }

    [Theory]
    [InlineData("../models")]
    [InlineData("a/b")]
    [InlineData("")]
    public void NamesThatArePathsFindNothing(string name) => Assert.Null(ShippedModels.Find(name, [temp.Path]));

    [Fact]
    public void AManifestWithoutItsWeightsFileIsAnErrorNamingIt()
    {
        var root = temp.File("models");
        Write(root, "broken", """{ "family": "odvae", "preset": "odvae-tiny", "weights": "missing.safetensors", "config": "config.json" }""");

        var error = Assert.Throws<InvalidDataException>(() => ShippedModels.Find("broken", [root]));

        Assert.Contains(Path.Combine(root, "broken", "model.json"), error.Message);
        Assert.Contains("missing.safetensors", error.Message);
    }

    [Fact]
    public void AManifestWithoutAFamilyIsAnError()
    {
        var root = temp.File("models");
        Write(root, "broken", """{ "preset": "odvae-tiny", "weights": "model.safetensors", "config": "config.json" }""");

        var error = Assert.Throws<InvalidDataException>(() => ShippedModels.Find("broken", [root]));

        Assert.Contains("'family' must be a non-empty string", error.Message);
    }

    [Fact]
    public void TheEmbeddedDefaultShipsBesideTheProgram()
    {
        var model = ShippedModels.Find(ShippedModels.DefaultName, [Path.Combine(AppContext.BaseDirectory, "models")]);

        Assert.NotNull(model);
        Assert.Equal("odvae", model.Family);
        Assert.True(new FileInfo(model.WeightsPath).Length < 15_000_000, "a shipped model stays under 15 MB");
    }

    internal static void Write(string root, string name, string manifest)
    {
        var folder = Path.Combine(root, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, ShippedModels.ManifestFile), manifest);
        File.WriteAllText(Path.Combine(folder, "model.safetensors"), "weights");
        File.WriteAllText(Path.Combine(folder, "config.json"), "{}");
    }
}
