using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Tests;

public sealed class StreamingTests
{
    private static Tensor PushAll(IEncodeSession session, Tensor video, IEnumerable<int> chunks)
    {
        var parts = new List<Tensor>();
        long start = 0;
        foreach (var size in chunks)
        {
            using var chunk = video.Narrow(2, start, size);
            start += size;
            if (session.Push(chunk) is { } latent)
            {
                parts.Add(latent);
            }
        }

        Assert.Equal(video.Size(2), start);
        Assert.Null(session.Complete());
        var joined = Tensor.Cat(parts, 2);
        parts.ForEach(p => p.Dispose());
        return joined;
    }

    [Theory]
    [InlineData(new[] { 13 })]
    [InlineData(new[] { 1, 4, 4, 4 })]
    [InlineData(new[] { 2, 3, 5, 3 })]
    [InlineData(new[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 })]
    public void StreamedEncodeEqualsWholeClipForAnyChunking(int[] chunks)
    {
        using var tokenizer = TinyModels.Tokenizer();
        using var video = TinyModels.Video(13);
        using var whole = tokenizer.Encode(video, EncodeOptions.Default);
        using var session = tokenizer.BeginEncode(EncodeOptions.Default);
        using var streamed = PushAll(session, video, chunks);
        Assert.Equal([1, 4, 4, 2, 2], whole.Shape);
        Assert.Equal(0.0, TinyModels.MaxAbsDiff(whole, streamed));
    }

    [Fact]
    public void EncodingAPrefixGivesExactlyThePrefixOfTheLatents()
    {
        using var tokenizer = TinyModels.Tokenizer();
        using var video = TinyModels.Video(13);
        using var whole = tokenizer.Encode(video, EncodeOptions.Default);
        using var prefixVideo = video.Narrow(2, 0, 5);
        using var prefix = tokenizer.Encode(prefixVideo, EncodeOptions.Default);
        using var wholePrefix = whole.Narrow(2, 0, 2);
        Assert.Equal(0.0, TinyModels.MaxAbsDiff(prefix, wholePrefix));
    }

    [Theory]
    [InlineData(new[] { 1, 1, 1, 1 })]
    [InlineData(new[] { 3, 1 })]
    [InlineData(new[] { 1, 3 })]
    public void StreamedDecodeEqualsWholeClip(int[] chunks)
    {
        using var tokenizer = TinyModels.Tokenizer();
        using var video = TinyModels.Video(13);
        using var latents = tokenizer.Encode(video, EncodeOptions.Default);
        using var whole = tokenizer.Decode(latents, DecodeOptions.Default);
        Assert.Equal([1, 3, 13, 16, 16], whole.Shape);

        using var session = tokenizer.BeginDecode(DecodeOptions.Default);
        var parts = new List<Tensor>();
        long start = 0;
        foreach (var size in chunks)
        {
            using var chunk = latents.Narrow(2, start, size);
            start += size;
            parts.Add(session.Push(chunk)!);
            Assert.Equal(size * 4 - (start == size ? 3 : 0), parts[^1].Size(2));
        }

        Assert.Null(session.Complete());
        using var streamed = Tensor.Cat(parts, 2);
        parts.ForEach(p => p.Dispose());
        Assert.Equal(0.0, TinyModels.MaxAbsDiff(whole, streamed));
    }

    [Fact]
    public void DecodingAPrefixGivesExactlyThePrefixOfTheFrames()
    {
        using var tokenizer = TinyModels.Tokenizer();
        using var video = TinyModels.Video(13);
        using var latents = tokenizer.Encode(video, EncodeOptions.Default);
        using var whole = tokenizer.Decode(latents, DecodeOptions.Default);
        using var firstTwo = latents.Narrow(2, 0, 2);
        using var prefix = tokenizer.Decode(firstTwo, DecodeOptions.Default);
        using var wholePrefix = whole.Narrow(2, 0, 5);
        Assert.Equal(0.0, TinyModels.MaxAbsDiff(prefix, wholePrefix));
    }

    [Fact]
    public void SeededSamplesRepeatAndStreamLikeTheWholeClip()
    {
        using var tokenizer = TinyModels.Tokenizer();
        using var video = TinyModels.Video(9);
        var options = EncodeOptions.Default with { Posterior = PosteriorMode.Sample, Seed = 42 };
        using var a = tokenizer.Encode(video, options);
        using var b = tokenizer.Encode(video, options);
        using var mean = tokenizer.Encode(video, EncodeOptions.Default);
        using var session = tokenizer.BeginEncode(options);
        using var streamed = PushAll(session, video, [1, 4, 4]);
        Assert.Equal(0.0, TinyModels.MaxAbsDiff(a, b));
        Assert.Equal(0.0, TinyModels.MaxAbsDiff(a, streamed));
        Assert.True(TinyModels.MaxAbsDiff(a, mean) > 1e-3);
    }

    [Fact]
    public void SamplingWithoutASeedIsRefused()
    {
        using var tokenizer = TinyModels.Tokenizer();
        using var video = TinyModels.Video(5);
        var e = Assert.Throws<ArgumentException>(() => tokenizer.Encode(video, EncodeOptions.Default with { Posterior = PosteriorMode.Sample }));
        Assert.Contains("seed", e.Message);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    public void EncodeRejectsFrameCountsThatAreNotOnePlusFourK(int frames)
    {
        using var tokenizer = TinyModels.Tokenizer();
        using var video = TinyModels.Video(frames);
        var e = Assert.Throws<ArgumentException>(() => tokenizer.Encode(video, EncodeOptions.Default));
        Assert.Contains("1+4k", e.Message);
    }

    [Fact]
    public void SessionCompleteRejectsAnIncompleteTrailingGroup()
    {
        using var tokenizer = TinyModels.Tokenizer();
        using var video = TinyModels.Video(7);
        using var session = tokenizer.BeginEncode(EncodeOptions.Default);
        using var latents = session.Push(video);
        Assert.Equal(2, latents!.Size(2));
        var e = Assert.Throws<InvalidOperationException>(() => session.Complete());
        Assert.Contains("2 trailing frame(s)", e.Message);
    }

    [Fact]
    public void EncodeRejectsSizesThatAreNotMultiplesOfEight()
    {
        using var tokenizer = TinyModels.Tokenizer();
        using var video = TinyModels.Video(5, size: 20);
        Assert.Throws<ArgumentException>(() => tokenizer.Encode(video, EncodeOptions.Default));
    }
}
