using System.Text.Json;
using VideoPipe.Tests.Shared;

namespace VideoPipe.Plugins.Regen.Tests;

/// <summary>The preset trained here is the model of the study's configs (configs/train/regen/generative-*.json).</summary>
public sealed class PresetTests
{
    [Theory]
    [InlineData("generative-8x.json", "regen-tiny")]
    [InlineData("generative-16x.json", "regen-tiny-16")]
    public void TheStudyConfigIsThePreset(string file, string preset)
    {
        var text = string.Join('\n', File.ReadLines(Repository.Path("configs", "train", "regen", file)).Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)));
        var config = RegenConfig.FromJson(JsonDocument.Parse(text).RootElement.GetProperty("model").GetProperty("config"));
        Assert.Equal(RegenPresets.Get(preset).ToJson(), config.ToJson());
    }
}
