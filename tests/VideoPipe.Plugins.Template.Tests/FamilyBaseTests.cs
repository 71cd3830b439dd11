using VideoPipe.Abstractions;
using VideoPipe.Plugins.Sdk;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Template.Tests;

/// <summary>The SDK family base's rules, as every family on it (the template here) gets them: dtype policy, one error vocabulary.</summary>
public sealed class FamilyBaseTests
{
    [Fact]
    public void ADTypeTheCardDoesNotDeclareIsRefusedNamingTheDeclaredOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => Create(dtype: DType.Float64));
        Assert.Equal("template runs in float32 or bfloat16, not float64", e.Message);
    }

    [Fact]
    public void Float16IsRefusedOnTheCpuWithTheReason()
    {
        var e = Assert.Throws<ArgumentException>(() => Create(dtype: DType.Float16));
        Assert.Contains("no float16 3-D convolution on CPU", e.Message);
    }

    [Fact]
    public void AMissingCheckpointIsReportedByPathBeforeAnyWork()
    {
        var e = Assert.Throws<FileNotFoundException>(() => Create(weightsPath: "/nonexistent/template.safetensors"));
        Assert.Equal("template checkpoint not found: /nonexistent/template.safetensors", e.Message);
    }

    [Fact]
    public void ARequestWithoutWeightsOrSeedIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => Create(seed: null));
        Assert.Equal("a template request needs Weights, WeightsPath or RandomWeightsSeed", e.Message);
    }

    [Fact]
    public void SettingsAreReadByTypeWithOneMessageNamingFamilyAndKey()
    {
        var settings = new Dictionary<string, string> { ["steps"] = "4", ["tile"] = "0", ["on"] = "true", ["bad"] = "many" };
        Assert.Equal(4, FamilySettings.Int(settings, "template", "steps"));
        Assert.Null(FamilySettings.Int(settings, "template", "absent"));
        Assert.Equal(0, FamilySettings.Int(settings, "template", "tile", minimum: 0));
        Assert.True(FamilySettings.Bool(settings, "template", "on"));
        Assert.Equal("template setting 'tile' must be a positive integer, got '0'", Assert.Throws<ArgumentException>(() => FamilySettings.Int(settings, "template", "tile")).Message);
        Assert.Equal("template setting 'bad' must be true or false, got 'many'", Assert.Throws<ArgumentException>(() => FamilySettings.Bool(settings, "template", "bad")).Message);
        Assert.Equal("template setting 'bad' must be a number, got 'many'", Assert.Throws<ArgumentException>(() => FamilySettings.Number(settings, "template", "bad")).Message);
    }

    private static ITokenizer Create(DType dtype = DType.Float32, string? weightsPath = null, ulong? seed = 1) => new TemplateFamily().Create(new TokenizerRequest
    {
        Preset = TemplatePresets.Patch8,
        WeightsPath = weightsPath,
        RandomWeightsSeed = weightsPath is null ? seed : null,
        DeviceContext = CpuDeviceContext.Instance,
        DType = dtype,
    });
}
