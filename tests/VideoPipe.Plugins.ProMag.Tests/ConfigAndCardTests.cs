using System.Text.Json;
using VideoPipe.Abstractions;

namespace VideoPipe.Plugins.ProMag.Tests;

public sealed class ConfigAndCardTests
{
    [Fact]
    public void PresetsNameTheRatioAndTheCardFollowsIt()
    {
        Assert.Contains("promag-s-16x", ProMagPresets.Names);
        var card = new ProMagFamily().DescribePreset("promag-s-8x");
        Assert.Equal(8, card.TemporalCompression);
        Assert.Equal(8, card.SpatialCompression);
        Assert.Equal(new FrameRule(1, 8), card.FrameRule);
        Assert.Equal(16, card.LatentChannels);
        Assert.Equal((17, 4), (card.DefaultTileFrames, card.DefaultTileOverlapFrames));
        Assert.False(card.GenerativeDecode);
        Assert.Equal([2, 2], ProMagPresets.Get("promag-paper-16x").GrowthFactors);
        Assert.Empty(ProMagPresets.Get("promag-xs").GrowthFactors);
    }

    [Theory]
    [InlineData("promag-m")]
    [InlineData("promag-s-32x")]
    public void UnknownPresetsAreRefused(string name) =>
        Assert.Contains("unknown ProMAG preset", Assert.Throws<ArgumentException>(() => ProMagPresets.Get(name)).Message);

    [Fact]
    public void ConfigsRoundTripThroughJsonWithSnakeCaseKeys()
    {
        var config = ProMagPresets.Get("promag-xs-16x") with { GrowthMode = GrowthMode.FromBase, MixModulation = MixModulation.PerChannel };
        var json = config.ToJson();
        Assert.Contains("\"growth_mode\":\"from_base\"", json);
        Assert.DoesNotContain("growth_factors", json);
        var back = ProMagConfig.FromJson(JsonDocument.Parse(json).RootElement);
        Assert.Equal(json, back.ToJson());
    }

    [Theory]
    [InlineData("{\"temporal_ratio\": 6}", "temporal_ratio")]
    [InlineData("{\"temporal_ratio\": 2}", "temporal_ratio")]
    [InlineData("{\"norm_groups\": 7}", "norm_groups")]
    [InlineData("{\"latent_channel\": 8}", "latent_channel")]
    public void BadConfigsNameTheKey(string json, string key) =>
        Assert.Contains(key, Assert.Throws<ArgumentException>(() => ProMagConfig.FromJson(JsonDocument.Parse(json).RootElement)).Message);
}
