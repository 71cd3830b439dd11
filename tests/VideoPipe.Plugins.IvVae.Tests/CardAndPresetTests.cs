using VideoPipe.Abstractions;

namespace VideoPipe.Plugins.IvVae.Tests;

public sealed class CardAndPresetTests
{
    [Theory]
    [InlineData("z4_dim64", 4, 1.3196, 0.1250)]
    [InlineData("z8_dim64", 8, 1.0940, -0.0322)]
    [InlineData("z16_dim64", 16, 0.9697, -0.1553)]
    [InlineData("ivvae_z16_dim96", 16, 0.7619, -0.0483)]
    public void PresetsCarryTheReleasedLatentWidthAndScaling(string preset, int channels, double scale, double shift)
    {
        var card = new IvVaeFamily().DescribePreset(preset);
        Assert.Equal(channels, card.LatentChannels);
        Assert.Equal(new LatentScaling(scale, shift, true), card.Scaling);
        Assert.Equal(4, card.TemporalCompression);
        Assert.Equal(8, card.SpatialCompression);
        Assert.Equal(8, card.SpatialAlignment);
        Assert.Equal(FrameRule.OnePlusFourK, card.FrameRule);
        Assert.True(card.ExactCausalStreaming);
        Assert.False(card.GenerativeDecode);
    }

    [Fact]
    public void UnknownPresetsAndUnsupportedConfigsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new IvVaeFamily().DescribePreset("z32_dim64"));
        var json = System.Text.Json.JsonDocument.Parse("""{"dim": 8, "z_dim": 4, "temperal_downsample": [false, false, true]}""").RootElement;
        var e = Assert.Throws<ArgumentException>(() => IvVaeConfig.FromJson(json));
        Assert.Contains("temperal_downsample", e.Message);
    }
}
