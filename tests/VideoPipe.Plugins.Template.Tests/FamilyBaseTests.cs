using VideoPipe.Abstractions;
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

    private static ITokenizer Create(DType dtype = DType.Float32, string? weightsPath = null, ulong? seed = 1) => new TemplateFamily().Create(new TokenizerRequest
    {
        Preset = TemplatePresets.Patch8,
        WeightsPath = weightsPath,
        RandomWeightsSeed = weightsPath is null ? seed : null,
        DeviceContext = CpuDeviceContext.Instance,
        DType = dtype,
    });
}
