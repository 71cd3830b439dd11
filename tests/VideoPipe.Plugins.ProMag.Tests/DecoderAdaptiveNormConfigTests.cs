using System.Text.Json;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.ProMag.Tests;

/// <summary>decoder_adaptive_norm in configs and checkpoints: off by default, its JSON key, its state-dict keys, and growth that keeps it.</summary>
public sealed class DecoderAdaptiveNormConfigTests
{
    [Fact]
    public void TheOptionIsOffByDefaultAndRoundTripsThroughJson()
    {
        Assert.False(new ProMagConfig().DecoderAdaptiveNorm);
        Assert.Contains("\"decoder_adaptive_norm\":false", new ProMagConfig().ToJson());
        var config = ProMagPresets.Get("promag-xs-8x") with { DecoderAdaptiveNorm = true };
        var json = config.ToJson();
        Assert.Contains("\"decoder_adaptive_norm\":true", json);
        var back = ProMagConfig.FromJson(JsonDocument.Parse(json).RootElement);
        Assert.True(back.DecoderAdaptiveNorm);
        Assert.Equal(json, back.ToJson());
        Assert.False(ProMagConfig.FromJson(JsonDocument.Parse("{\"temporal_ratio\": 8}").RootElement).DecoderAdaptiveNorm);
    }

    [Fact]
    public void EachDecoderNormHasModulationKeysAndAPlainCheckpointDoesNotLoadStrictly()
    {
        using var plain = TinyProMag.Create(4);
        using var adaptive = TinyProMag.Create(4, c => c with { DecoderAdaptiveNorm = true });
        var keys = adaptive.Model.StateDict();
        var added = keys.Keys.Except(plain.Model.StateDict().Keys).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(22, added.Count);
        Assert.All(added, k => Assert.Matches(@"^decoder\.(mid\.\d+\.norm[12]|blocks\.\d+\.norm[12]|out_norm)\.modulation\.(weight|bias)$", k));
        Assert.Equal([2 * 32, 2 * 8, 1, 1, 1], keys["decoder.mid.0.norm1.modulation.weight"].Shape);
        Assert.Equal([2 * 16], keys["decoder.out_norm.modulation.bias"].Shape);
        Assert.Throws<StateDictMismatchException>(() => adaptive.Model.LoadStateDict(plain.Model.StateDict()));
    }

    [Fact]
    public void AnAdaptiveEightXGrowsFromAnAdaptiveFourXAndKeepsItsModulations()
    {
        using var base4 = TinyProMag.Busy(4, c => c with { DecoderAdaptiveNorm = true });
        using var grown = TinyProMag.Create(8, c => c with { DecoderAdaptiveNorm = true }, seed: 9);
        grown.GrowFrom(base4.Model.StateDict(), TinyProMag.Json(base4.Model.Config));
        var expected = base4.Model.StateDict();
        var actual = grown.Model.StateDict();
        var modulationKeys = expected.Keys.Where(k => k.Contains(".modulation.", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(modulationKeys);
        Assert.All(modulationKeys, k => Assert.Equal(0, TinyProMag.MaxAbsDiff(expected[k], actual[k])));
        var plain4 = TinyProMag.Json(base4.Model.Config with { DecoderAdaptiveNorm = false });
        Assert.Contains("does not match", Assert.Throws<ArgumentException>(() => grown.GrowFrom(base4.Model.StateDict(), plain4)).Message);
    }
}
