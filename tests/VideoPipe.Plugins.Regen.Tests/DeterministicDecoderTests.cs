using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Regen.Tests;

/// <summary>prediction "deterministic": the comparison decoder of the study (no noise, one DiT pass, pixel losses).</summary>
public sealed class DeterministicDecoderTests
{
    private static RegenTokenizer Deterministic(int ratio = 4) => TinyRegen.Create(ratio, c => c with { Prediction = Prediction.Deterministic });

    [Fact]
    public void TheCardSaysTheDecodeIsNotGenerativeAndDecodingNeedsNoSeed()
    {
        using var tokenizer = Deterministic();
        using var scope = DisposeScope.Enter();
        Assert.False(tokenizer.Card.GenerativeDecode);
        Assert.True(TinyRegen.Create(4).Card.GenerativeDecode);
        var latents = tokenizer.Encode(TinyRegen.Video(9), EncodeOptions.Default);
        var unseeded = tokenizer.Decode(latents, DecodeOptions.Default);
        var seeded = tokenizer.Decode(latents, new DecodeOptions { Seed = 77 });
        Assert.Equal(new long[] { 1, 3, 9, 16, 16 }, unseeded.Shape);
        Assert.Equal(0.0, TinyRegen.MaxAbsDiff(unseeded, seeded));
    }

    [Fact]
    public void DecodingIsOneNetworkPassWhateverTheStepCount()
    {
        using var tokenizer = Deterministic();
        using var scope = DisposeScope.Enter();
        var latents = tokenizer.Encode(TinyRegen.Video(5), EncodeOptions.Default);
        var one = tokenizer.Decode(latents, new DecodeOptions { Settings = new RegenSettings { Steps = 1 }.ToSettings() });
        var many = tokenizer.Decode(latents, new DecodeOptions { Settings = new RegenSettings { Steps = 16 }.ToSettings() });
        Assert.Equal(0.0, TinyRegen.MaxAbsDiff(one, many));
    }

    [Fact]
    public void TheTrainingForwardReturnsTheWholeClipsReconstructionAndNoDiffusionLoss()
    {
        using var tokenizer = Deterministic();
        using var scope = DisposeScope.Enter();
        tokenizer.SetTraining(true);
        try
        {
            using var mode = GradMode.Enable();
            using var generator = new Generator(1);
            var video = TinyRegen.Video(9, batch: 2);
            using var forward = tokenizer.Forward(video, new TrainingForwardOptions { Generator = generator, SamplePosterior = false });
            Assert.Empty(forward.FamilyLosses);
            var reconstruction = forward.Reconstruction!;
            Assert.Equal(video.Shape, reconstruction.Shape);
            Assert.True(reconstruction.RequiresGrad);

            // each chunk is decoded from its own (true) content latent, as the whole-clip decode of one chunk does
            using var inference = GradMode.NoGrad();
            var first = tokenizer.Decode(tokenizer.Encode(video.Narrow(2, 0, 5), EncodeOptions.Default), DecodeOptions.Default);
            Assert.True(TinyRegen.MaxAbsDiff(first, reconstruction.Detach().Narrow(2, 0, 5).Clamp(-1, 1)) < 1e-5);
        }
        finally
        {
            tokenizer.SetTraining(false);
        }
    }
}
