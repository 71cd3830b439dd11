using System.Globalization;
using System.Text.Json;
using VideoPipe.Plugins.OdVae.Model;

namespace VideoPipe.Plugins.OdVae.Tests;

public class ModelStructureTests
{
    private static Dictionary<string, string> ReleasedKeys() =>
        File.ReadLines(SharedData.ReleasedKeysFile)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .ToDictionary(p => p[0], p => p[1]);

    private static Dictionary<string, string> ModelKeys(OdVaeConfig config)
    {
        using var model = new OdVaeModel(config);
        return model.StateDict().ToDictionary(kv => kv.Key, kv => string.Join("x", kv.Value.Shape));
    }

    [Fact]
    public void ReleasedPresetHasExactlyTheReleasedKeysAndShapes()
    {
        var expected = ReleasedKeys();
        var actual = ModelKeys(OdVaePresets.Get(OdVaePresets.V12));
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, shape) in expected)
        {
            Assert.True(shape == actual[key], $"{key}: released {shape}, model {actual[key]}");
        }
    }

    [Fact]
    public void ReleasedPresetHasTheReleasedParameterCount()
    {
        using var model = new OdVaeModel(OdVaePresets.Released);
        Assert.Equal(239_189_991, model.ParameterCount());
        var encoder = model.Encoder.ParameterCount() + model.QuantConv!.ParameterCount();
        Assert.Equal(94_399_440, encoder);
    }

    [Fact]
    public void ConfigRoundTripsThroughUpstreamJson()
    {
        using var doc = JsonDocument.Parse(OdVaePresets.Released.ToJson());
        var parsed = OdVaeConfig.FromJson(doc.RootElement);
        Assert.Equal(OdVaePresets.Released.ToJson(), parsed.ToJson());
    }

    [Theory]
    [InlineData("odvae-variant1", "encoder.conv_in.conv.weight", "128x3x3x3x3")]
    [InlineData("odvae-variant1", "encoder.down.0.block.0.conv1.conv.weight", "128x128x3x3x3")]
    [InlineData("odvae-variant1", "encoder.down.0.downsample.conv.conv.weight", "128x128x1x3x3")]
    [InlineData("odvae-variant1", "decoder.up.0.block.0.conv1.conv.weight", "128x256x3x3x3")]
    [InlineData("odvae-variant1", "decoder.conv_out.conv.weight", "3x128x3x3x3")]
    [InlineData("odvae-variant2", "encoder.conv_in.conv.weight", "128x3x3x3x3")]
    [InlineData("odvae-variant2", "encoder.down.0.block.0.conv1.weight", "128x128x3x3")]
    [InlineData("odvae-variant2", "encoder.down.0.block.0.conv2.conv.weight", "128x128x3x3x3")]
    [InlineData("odvae-variant2", "encoder.down.1.block.0.nin_shortcut.conv.weight", "256x128x1x1x1")]
    [InlineData("odvae-variant2", "encoder.mid.block_2.conv1.weight", "512x512x3x3")]
    [InlineData("odvae-variant2", "encoder.mid.block_2.conv2.conv.weight", "512x512x3x3x3")]
    [InlineData("odvae-variant2", "decoder.up.3.block.2.conv1.weight", "512x512x3x3")]
    [InlineData("odvae-variant2", "decoder.up.3.block.2.conv2.conv.weight", "512x512x3x3x3")]
    [InlineData("odvae-variant3", "encoder.down.1.block.0.conv1.weight", "256x128x3x3")]
    [InlineData("odvae-variant3", "encoder.down.2.block.0.conv1.conv.weight", "512x256x3x3x3")]
    [InlineData("odvae-variant3", "decoder.up.1.block.1.conv2.weight", "256x256x3x3")]
    [InlineData("odvae-variant3", "decoder.up.2.block.0.conv1.conv.weight", "512x512x3x3x3")]
    [InlineData("odvae-variant3", "decoder.conv_out.weight", "3x128x3x3")]
    [InlineData("odvae-variant4", "encoder.down.1.block.0.conv1.weight", "256x128x3x3")]
    [InlineData("odvae-variant4", "decoder.up.0.block.0.conv1.conv.weight", "128x256x3x3x3")]
    public void VariantPresetsChooseBlockTypesPerLevel(string preset, string key, string shape)
    {
        var keys = ModelKeys(OdVaePresets.Get(preset));
        Assert.True(keys.TryGetValue(key, out var actual), $"{preset} has no key {key}");
        Assert.Equal(shape, actual);
    }

    [Fact]
    public void CardFollowsTheConfig()
    {
        var card = new OdVaeFamily().DescribePreset(OdVaePresets.V12);
        Assert.Equal(4, card.TemporalCompression);
        Assert.Equal(8, card.SpatialCompression);
        Assert.Equal(4, card.LatentChannels);
        Assert.Equal(0.18215, card.Scaling.Scale);
        Assert.True(card.Scaling.AppliedInOutputs);
        Assert.False(card.ExactCausalStreaming);
        Assert.False(card.GenerativeDecode);
        Assert.Equal(33, card.DefaultTileFrames);
        Assert.Equal(1, card.DefaultTileOverlapFrames);
        Assert.Equal(9L, card.FrameRule.LatentFrames(33));
    }

    [Theory]
    [InlineData("encoder_temporal_downsample", "[\"\", \"TimeDownsample2x\", \"\", \"\"]", "TimeDownsample2x")]
    [InlineData("encoder_attention", "\"AttnBlock3D\"", "AttnBlock3D")]
    [InlineData("decoder_spatial_upsample", "[\"\", \"Upsample\", \"\", \"\"]", "Upsample")]
    public void UnimplementedUpstreamClassesAreRejectedByName(string key, string value, string name)
    {
        var json = string.Create(CultureInfo.InvariantCulture, $"{{\"hidden_size\": 32, \"hidden_size_mult\": [1,1,1,1], \"{key}\": {value}}}");
        using var doc = JsonDocument.Parse(json);
        var e = Assert.Throws<NotSupportedException>(() => OdVaeConfig.FromJson(doc.RootElement));
        Assert.Contains(key, e.Message);
        Assert.Contains(name, e.Message);
    }

    [Fact]
    public void ChannelsMustFitTheGroupNorm()
    {
        using var doc = JsonDocument.Parse("{\"hidden_size\": 48, \"hidden_size_mult\": [1,1,1,1]}");
        var e = Assert.Throws<ArgumentException>(() => OdVaeConfig.FromJson(doc.RootElement));
        Assert.Contains("32", e.Message);
    }
}
