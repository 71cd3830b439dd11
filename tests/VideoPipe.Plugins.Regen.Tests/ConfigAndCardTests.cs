using System.Text.Json;
using VideoPipe.Abstractions;

namespace VideoPipe.Plugins.Regen.Tests;

/// <summary>Presets, config validation and the card's promises.</summary>
public sealed class ConfigAndCardTests
{
    [Theory]
    [InlineData("regen-xs", 8, 2)]
    [InlineData("regen-s-16", 16, 12)]
    [InlineData("regen-paper-32", 32, 24)]
    public void PresetsCarryTheirRatioAndDepth(string name, int ratio, int depth)
    {
        var config = RegenPresets.Get(name);
        Assert.Equal(ratio, config.TemporalRatio);
        Assert.Equal(depth, config.Depth);
        Assert.Equal(8, config.SpatialRatio);
    }

    [Fact]
    public void EveryListedPresetBuildsAndNamesItsRatio()
    {
        Assert.Equal(16, RegenPresets.Names.Count);
        Assert.All(RegenPresets.Names, name => Assert.Equal(name.EndsWith("-32") ? 32 : name.EndsWith("-16") ? 16 : name.EndsWith("-4") ? 4 : 8,
            RegenPresets.Get(name).TemporalRatio));
        Assert.Contains("regen-s", Assert.Throws<ArgumentException>(() => RegenPresets.Get("regen-m")).Message);
    }

    [Theory]
    [InlineData(4, new[] { 1, 2 }, 0)]
    [InlineData(8, new[] { 0, 1, 2 }, 0)]
    [InlineData(32, new[] { 0, 1, 2 }, 2)]
    public void TemporalDownsamplesFollowTheSpecPlacement(int ratio, int[] levels, int extra)
    {
        var config = RegenPresets.Get("regen-s") with { TemporalRatio = ratio };
        Assert.Equal(levels, config.TemporalLevels);
        Assert.Equal(extra, config.ExtraTemporalDownsamples);
    }

    [Fact]
    public void TheCardPromisesOnePlusKFramesToTwoLatentsAndGenerativeDecode()
    {
        var card = new RegenFamily().DescribePreset("regen-xs-16");
        Assert.Equal(new FrameRule(1, 16), card.FrameRule);
        Assert.Equal(2, card.FrameRule.LatentFrames(17));
        Assert.True(card.GenerativeDecode);
        Assert.True(card.ExactCausalStreaming);
        Assert.Equal(8, card.SpatialAlignment);
    }

    [Fact]
    public void ConfigJsonRoundTripsAndNamesBadKeys()
    {
        var config = RegenPresets.Get("regen-xs") with { Prediction = Prediction.Epsilon, NormPlacement = NormPlacement.PreNorm };
        using var doc = JsonDocument.Parse(config.ToJson());
        Assert.Equal(config.ToJson(), RegenConfig.FromJson(doc.RootElement).ToJson());
        using var bad = JsonDocument.Parse("""{"temporal_ratio": 6}""");
        Assert.Contains("temporal_ratio", Assert.Throws<ArgumentException>(() => RegenConfig.FromJson(bad.RootElement)).Message);
        using var unknown = JsonDocument.Parse("""{"depthh": 3}""");
        Assert.Contains("depthh", Assert.Throws<ArgumentException>(() => RegenConfig.FromJson(unknown.RootElement)).Message);
    }
}
