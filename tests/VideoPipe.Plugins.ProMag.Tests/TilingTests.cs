using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.ProMag.Tests;

/// <summary>Acceptance test 7 of the spec: layer-wise spatial tiling equals untiled decoding (max abs diff &lt; 1e-4 in float32).</summary>
public sealed class TilingTests
{
    [Theory]
    [InlineData(4, 16)]
    [InlineData(8, 8)]
    [InlineData(16, 24)]
    public void TiledDecodingEqualsUntiledDecoding(int ratio, int tilePixels)
    {
        using var tokenizer = TinyProMag.Busy(ratio);
        AssertTiledEqualsUntiled(tokenizer, tilePixels);
    }

    /// <summary>Decoding seeded latents with <c>spatial_tile</c> equals the untiled decode (&lt; 1e-4) and is not trivially zero.</summary>
    internal static void AssertTiledEqualsUntiled(ProMagTokenizer tokenizer, int tilePixels)
    {
        using var scope = DisposeScope.Enter();
        using var generator = new Generator(7);
        var latents = Tensor.Randn(generator, [1, 8, 2, 5, 6]);
        var whole = tokenizer.Decode(latents, DecodeOptions.Default);
        var tiled = tokenizer.Decode(latents, new DecodeOptions { Settings = new ProMagSettings { SpatialTile = tilePixels }.ToSettings() });
        Assert.True(whole.Abs().MaxValue() > 0.01, "the decoder output is not trivially zero");
        Assert.True(TinyProMag.MaxAbsDiff(whole, tiled) < 1e-4, $"max abs diff {TinyProMag.MaxAbsDiff(whole, tiled)}");
    }

    [Fact]
    public void ABadTileSettingIsRefused()
    {
        using var tokenizer = TinyProMag.Create(4);
        using var scope = DisposeScope.Enter();
        var latents = Tensor.Zeros([1, 8, 1, 2, 2]);
        var error = Assert.Throws<ArgumentException>(() => tokenizer.Decode(latents, new DecodeOptions { Settings = new Dictionary<string, string> { [ProMagSettingKeys.SpatialTile.Name] = "-3" } }));
        Assert.Equal("ProMAG setting 'spatial_tile' must be 0 (untiled) or a positive number of pixels, got '-3'", error.Message);
    }
}
