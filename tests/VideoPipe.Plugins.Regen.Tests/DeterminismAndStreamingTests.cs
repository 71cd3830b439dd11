using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Regen.Tests;

/// <summary>Seeded decode (spec §12 test 6) and sessions equal to whole-clip calls (the card claims exact streaming).</summary>
public sealed class DeterminismAndStreamingTests
{
    [Fact]
    public void TheSameSeedGivesTheSameVideoAndAnotherSeedAnother()
    {
        using var tokenizer = TinyRegen.Busy(4);
        using var scope = DisposeScope.Enter();
        var latents = tokenizer.Encode(TinyRegen.Video(9), EncodeOptions.Default);
        var a = tokenizer.Decode(latents, new DecodeOptions { Seed = 7 });
        var b = tokenizer.Decode(latents, new DecodeOptions { Seed = 7 });
        var c = tokenizer.Decode(latents, new DecodeOptions { Seed = 8 });
        Assert.Equal(0, TinyRegen.MaxAbsDiff(a, b));
        Assert.True(TinyRegen.MaxAbsDiff(a, c) > 1e-3);
    }

    [Theory]
    [InlineData(Prediction.Epsilon, 1)]
    [InlineData(Prediction.X0, 3)]
    public void DdpmConfigurationsDecodeDeterministically(Prediction prediction, int steps)
    {
        using var tokenizer = TinyRegen.Create(4, c => c with { Prediction = prediction });
        using var generator = new Generator(50);
        tokenizer.Model.InitializeRandom(generator, std: 0.05);
        using var scope = DisposeScope.Enter();
        var latents = tokenizer.Encode(TinyRegen.Video(5), EncodeOptions.Default);
        var options = new DecodeOptions { Seed = 7, Settings = new RegenSettings { Steps = steps }.ToSettings() };
        var a = tokenizer.Decode(latents, options);
        Assert.Equal(new long[] { 1, 3, 5, 16, 16 }, a.Shape);
        Assert.Equal(0, TinyRegen.MaxAbsDiff(a, tokenizer.Decode(latents, options)));
        Assert.InRange(a.Abs().MaxValue(), 0, 1);
    }

    [Fact]
    public void DecodeWithoutASeedIsRefused()
    {
        using var tokenizer = TinyRegen.Busy(4);
        using var scope = DisposeScope.Enter();
        var latents = tokenizer.Encode(TinyRegen.Video(5), EncodeOptions.Default);
        var error = Assert.Throws<ArgumentException>(() => tokenizer.Decode(latents, DecodeOptions.Default));
        Assert.Contains("Seed", error.Message);
    }

    [Fact]
    public void StreamedEncodeEqualsWholeClipEncode()
    {
        using var tokenizer = TinyRegen.Busy(4);
        using var scope = DisposeScope.Enter();
        var video = TinyRegen.Video(1 + 12 + 3);
        var whole = tokenizer.Encode(video, EncodeOptions.Default);
        using var session = tokenizer.BeginEncode(EncodeOptions.Default);
        var parts = new List<Tensor>();
        long start = 0;
        foreach (var size in new long[] { 3, 1, 6, 2, 4 })
        {
            if (session.Push(video.Narrow(2, start, size)) is { } latents)
            {
                parts.Add(latents);
            }

            start += size;
        }

        parts.Add(session.Complete()!);
        Assert.Equal(0, TinyRegen.MaxAbsDiff(whole, Tensor.Cat(parts, 2)));
    }

    [Fact]
    public void StreamedDecodeEqualsWholeClipDecode()
    {
        using var tokenizer = TinyRegen.Busy(4);
        using var scope = DisposeScope.Enter();
        var latents = tokenizer.Encode(TinyRegen.Video(13), EncodeOptions.Default);
        var options = new DecodeOptions { Seed = 11, Settings = new RegenSettings { Steps = 3 }.ToSettings() };
        var whole = tokenizer.Decode(latents, options);
        using var session = tokenizer.BeginDecode(options);
        var parts = new List<Tensor>();
        for (long n = 0; n < latents.Size(2); n++)
        {
            if (session.Push(latents.Narrow(2, n, 1)) is { } frames)
            {
                parts.Add(frames);
            }
        }

        Assert.Null(session.Complete());
        Assert.Equal(0, TinyRegen.MaxAbsDiff(whole, Tensor.Cat(parts, 2)));
    }

    [Fact]
    public void AStreamOfOneLatentDecodesAsAnImage()
    {
        using var tokenizer = TinyRegen.Busy(4);
        using var scope = DisposeScope.Enter();
        var latents = tokenizer.Encode(TinyRegen.Video(1), EncodeOptions.Default);
        var options = new DecodeOptions { Seed = 4 };
        using var session = tokenizer.BeginDecode(options);
        Assert.Null(session.Push(latents));
        Assert.Equal(0, TinyRegen.MaxAbsDiff(tokenizer.Decode(latents, options), session.Complete()!));
    }
}
