using VideoPipe.Abstractions;
using VideoPipe.Plugins.ProMag.Layers;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.ProMag.Tests;

/// <summary>decoder_adaptive_norm (ours): starts as the plain decoder, modulates causally per latent frame, commutes with spatial tiles and trains.</summary>
public sealed class DecoderAdaptiveNormTests
{
    private static ProMagConfig Adaptive(ProMagConfig config) => config with { DecoderAdaptiveNorm = true };

    /// <summary>A busy adaptive model: PyTorch's default init gives every modulation random weights too.</summary>
    private static ProMagTokenizer BusyAdaptive(int ratio)
    {
        var tokenizer = TinyProMag.Busy(ratio, Adaptive);
        Assert.All(tokenizer.Model.DecoderModulations, m => Assert.True(m.Weight.Value.Abs().MaxValue() > 0.01));
        return tokenizer;
    }

    private static Tensor Latents(long frames, ulong seed = 7)
    {
        using var generator = new Generator(seed);
        return Tensor.Randn(generator, [1, 8, frames, 4, 5]);
    }

    private static void ZeroModulations(ProMagTokenizer tokenizer)
    {
        foreach (var modulation in tokenizer.Model.DecoderModulations)
        {
            using var mode = modulation.Weight.Value.IsInference ? null : GradMode.NoGrad();
            modulation.Weight.Value.Fill(0);
            modulation.Bias.Value.Fill(0);
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    public void AFreshAdaptiveModelDecodesExactlyAsTheSameSeedPlainModel(int ratio)
    {
        using var plain = TinyProMag.Create(ratio);
        using var adaptive = TinyProMag.Create(ratio, Adaptive);
        using var scope = DisposeScope.Enter();
        // xs: one mid block and four level blocks of two norms each, and out_norm
        Assert.Equal(11, adaptive.Model.DecoderModulations.Count());
        Assert.Empty(plain.Model.DecoderModulations);
        Assert.All(adaptive.Model.DecoderModulations, m => Assert.Equal(0, m.Weight.Value.Abs().MaxValue() + m.Bias.Value.Abs().MaxValue()));
        var latents = Latents(3);
        var expected = plain.Decode(latents, DecodeOptions.Default);
        Assert.True(expected.Abs().MaxValue() > 0, "the decoder output is not zero");
        Assert.Equal(0, TinyProMag.MaxAbsDiff(expected, adaptive.Decode(latents, DecodeOptions.Default)));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    public void ARandomModulationChangesTheDecodeButNoFrameSeesALaterLatent(int ratio)
    {
        using var tokenizer = BusyAdaptive(ratio);
        using var scope = DisposeScope.Enter();
        var latents = Latents(3);
        var changed = Tensor.Cat([latents.Narrow(2, 0, 2), Latents(1, seed: 99) * 3.0 + 1.0], 2);
        var a = tokenizer.Decode(latents, DecodeOptions.Default);
        var b = tokenizer.Decode(changed, DecodeOptions.Default);
        // frames 0..r come from latents 0 and 1 only
        Assert.True(TinyProMag.MaxAbsDiff(a.Narrow(2, 0, 1 + ratio), b.Narrow(2, 0, 1 + ratio)) < 1e-6, "frames 0..r see latents 0..1 only");
        Assert.True(TinyProMag.MaxAbsDiff(a.Narrow(2, 1 + ratio, ratio), b.Narrow(2, 1 + ratio, ratio)) > 1e-3, "the last frames see latent 2");
        ZeroModulations(tokenizer);
        var unmodulated = tokenizer.Decode(latents, DecodeOptions.Default);
        Assert.True(TinyProMag.MaxAbsDiff(a, unmodulated) > 1e-2, "the modulation changes the decode");
    }

    [Fact]
    public void ALayerOfOnePlusRTimesNFramesReadsLatentFrameZeroThenTheCoveringOne()
    {
        using var scope = DisposeScope.Enter();
        var condition = LatentCondition.Of(Tensor.Zeros([1, 2, 3, 2, 2]), 1e-6);
        Assert.Equal([1, 4, 3, 1, 1], condition.Statistics.Shape);
        var perLatentFrame = Tensor.FromArray(new float[] { 10f, 11f, 12f }, 1, 1, 3, 1, 1);
        Assert.Equal([10f, 11f, 11f, 11f, 11f, 12f, 12f, 12f, 12f], condition.AtFrames(perLatentFrame, 9).ToArray<float>());
        Assert.Equal([10f, 11f, 11f, 12f, 12f], condition.AtFrames(perLatentFrame, 5).ToArray<float>());
        Assert.Throws<ArgumentException>(() => condition.AtFrames(perLatentFrame, 6));
    }

    [Theory]
    [InlineData(4, 16)]
    [InlineData(8, 8)]
    public void TiledDecodingEqualsUntiledDecodingWithTheModulationOn(int ratio, int tilePixels)
    {
        using var tokenizer = BusyAdaptive(ratio);
        TilingTests.AssertTiledEqualsUntiled(tokenizer, tilePixels);
    }

    [Fact]
    public void ATrainingStepGivesTheZeroModulationsAGradient()
    {
        using var tokenizer = TinyProMag.Busy(4, Adaptive);
        ZeroModulations(tokenizer);
        tokenizer.SetTraining(true);
        try
        {
            using var mode = GradMode.Enable();
            using var scope = DisposeScope.Enter();
            var video = TinyProMag.Video(9, batch: 2);
            using var forward = tokenizer.Forward(video, new TrainingForwardOptions { SamplePosterior = false });
            (forward.Reconstruction! - video).Abs().Mean().Backward();
            var modulations = tokenizer.Parameters().Where(p => p.Name.Contains(".modulation.", StringComparison.Ordinal)).ToList();
            Assert.Equal(22, modulations.Count);
            Assert.Contains(modulations, p => p.Name == "decoder.out_norm.modulation.weight");
            Assert.All(modulations, p => Assert.True(p.Value.Grad is { } grad && grad.Abs().MaxValue() > 0, $"{p.Name} has a gradient"));
        }
        finally
        {
            tokenizer.SetTraining(false);
        }
    }
}
