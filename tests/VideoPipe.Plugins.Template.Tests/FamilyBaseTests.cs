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
        var schema = new FamilySettings("template");
        var steps = schema.Int("steps", "sampler steps");
        var tile = schema.Int("tile", "tile pixels, 0 untiled", minimum: 0);
        var on = schema.Bool("on", "a switch");
        var factor = schema.Number("factor", "a fraction");
        var settings = new Dictionary<string, string> { ["steps"] = "4", ["tile"] = "0", ["on"] = "true" };
        schema.Check(settings);
        Assert.Equal(4, steps.Read(settings));
        Assert.Equal(0, tile.Read(settings));
        Assert.True(on.Read(settings));
        Assert.Null(factor.Read(settings));
        Assert.Equal(["factor", "on", "steps", "tile"], schema.Declared.Keys.Order(StringComparer.Ordinal));

        Assert.Equal("template setting 'steps' must be a positive integer, got '0'", Refused(schema, new() { ["steps"] = "0" }));
        Assert.Equal("template setting 'on' must be true or false, got 'many'", Refused(schema, new() { ["on"] = "many" }));
        Assert.Equal("template setting 'factor' must be a number, got 'NaN'", Refused(schema, new() { ["factor"] = "NaN" }));
        Assert.Equal("template has no setting 'tilling' (its settings: factor, on, steps, tile)", Refused(schema, new() { ["tilling"] = "1" }));
        Assert.Equal("template takes no settings, got 'x'", Refused(new FamilySettings("template"), new() { ["x"] = "1" }));
        Assert.Throws<InvalidOperationException>(() => schema.Int("steps", "again"));
    }

    [Fact]
    public void TypedValuesWriteTheTextTheyAreReadFrom()
    {
        var schema = new FamilySettings("template");
        var steps = schema.Int("steps", "sampler steps");
        var factor = schema.Number("factor", "a fraction");
        var written = FamilySettings.Write(steps.Entry(12), factor.Entry(0.1), schema.Bool("on", "a switch").Entry(null));
        Assert.Equal(new Dictionary<string, string> { ["steps"] = "12", ["factor"] = "0.1" }, written);
        Assert.Equal(0.1, factor.Read(written));
    }

    [Fact]
    public void TheTemplateRefusesSettingsItDoesNotDeclare()
    {
        using var tokenizer = Create();
        var e = Assert.Throws<ArgumentException>(() => tokenizer.CheckSettings(new Dictionary<string, string> { ["tile"] = "8" }));
        Assert.Equal("template takes no settings, got 'tile'", e.Message);
    }

    private static string Refused(FamilySettings schema, Dictionary<string, string> settings) =>
        Assert.Throws<ArgumentException>(() => schema.Check(settings)).Message;

    private static ITokenizer Create(DType dtype = DType.Float32, string? weightsPath = null, ulong? seed = 1) => new TemplateFamily().Create(new TokenizerRequest
    {
        Preset = TemplatePresets.Patch8,
        WeightsPath = weightsPath,
        RandomWeightsSeed = weightsPath is null ? seed : null,
        DeviceContext = CpuDeviceContext.Instance,
        DType = dtype,
    });
}
