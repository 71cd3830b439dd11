using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.OdVae.Model;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae.Tests;

/// <summary>The paper's variants 1-4 (spec odvae.md section 15) as presets.</summary>
public class VariantPresetTests
{
    public static TheoryData<string> Variants() => new(OdVaePresets.PaperVariants);

    [Fact]
    public void TheFamilyListsTheReleasedPresetTheFourVariantsAndTheTinyModelWithItsImageVae() =>
        Assert.Equal(
            ["odvae-tiny", "odvae-tiny-image", "odvae-v1.2", "odvae-variant1", "odvae-variant2", "odvae-variant3", "odvae-variant4"],
            new OdVaeFamily().Presets.Order(StringComparer.Ordinal));

    [Fact]
    public void Variant4IsTheReleasedLayout() =>
        Assert.Equal(OdVaePresets.Released.ToJson(), OdVaePresets.Get(OdVaePresets.Variant4).ToJson());

    [Theory]
    [MemberData(nameof(Variants))]
    public void EachVariantBuildsEncodesAndDecodesATinyClip(string preset)
    {
        // The preset's layout at a quarter of the released width (32/64/128/128 channels) keeps the test fast.
        var narrow = OdVaePresets.Get(preset) with { HiddenSize = 32 };
        using var config = JsonDocument.Parse(narrow.ToJson());
        using var tokenizer = new OdVaeFamily().CreateTokenizer(new TokenizerRequest
        {
            Preset = preset,
            Config = config.RootElement.Clone(),
            RandomWeightsSeed = 5,
            DeviceContext = CpuDeviceContext.Instance,
        });
        using var generator = new Generator(11);
        using var noise = Tensor.Rand(generator, [1, 3, 5, 16, 16]);
        using var video = noise * 2.0 - 1.0;

        using var latent = tokenizer.Encode(video, EncodeOptions.Default);
        using var decoded = tokenizer.Decode(latent, DecodeOptions.Default);

        Assert.Equal(preset, tokenizer.Card.Variant);
        Assert.Equal([1L, 4, 2, 2, 2], latent.Shape);
        Assert.Equal([1L, 3, 5, 16, 16], decoded.Shape);
        Assert.True(double.IsFinite(latent.Abs().MaxValue()), $"{preset}: latent not finite");
        Assert.True(double.IsFinite(decoded.Abs().MaxValue()), $"{preset}: reconstruction not finite");
    }

    [Fact]
    public void Variant2MakesHalfOfEveryResnetBlocksConvolutions2D()
    {
        using var model = new OdVaeModel(OdVaePresets.Get(OdVaePresets.Variant2));
        var shapes = model.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.Shape.Length);
        var conv1 = shapes.Where(kv => kv.Key.EndsWith(".conv1.weight", StringComparison.Ordinal) || kv.Key.EndsWith(".conv1.conv.weight", StringComparison.Ordinal)).ToList();
        var conv2 = shapes.Where(kv => kv.Key.EndsWith(".conv2.weight", StringComparison.Ordinal) || kv.Key.EndsWith(".conv2.conv.weight", StringComparison.Ordinal)).ToList();

        // Encoder 4 levels x 2 + mid 2, decoder 4 levels x 3 + mid 2.
        Assert.Equal(24, conv1.Count);
        Assert.All(conv1, kv => Assert.True(kv.Value == 4, $"{kv.Key} is not 2D"));
        Assert.Equal(24, conv2.Count);
        Assert.All(conv2, kv => Assert.True(kv.Value == 5, $"{kv.Key} is not 3D"));
    }

    [Fact]
    public void UnknownPresetsAreRefusedWithTheKnownNames()
    {
        var error = Assert.Throws<ArgumentException>(() => OdVaePresets.Get("odvae-variant5"));
        Assert.Contains("odvae-variant5", error.Message);
        Assert.Contains("odvae-variant4", error.Message);
    }
}
