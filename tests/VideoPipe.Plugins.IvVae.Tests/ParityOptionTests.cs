using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Tests;

public sealed class ParityOptionTests
{
    private static JsonElement Options(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static Tensor NoGolden(string name) => throw new KeyNotFoundException(name);

    [Fact]
    public void ParityEncodeTrimsTrailingFramesAsUpstreamDoes()
    {
        using var tokenizer = TinyModels.Tokenizer();
        using var video = TinyModels.Video(11);
        using var got = IvVaeParity.Run(tokenizer, new ParityStep("encode", video, Options("""{"posterior": "mean", "scaled": true}"""), NoGolden));
        using var nine = video.Narrow(2, 0, 9);
        using var want = tokenizer.Encode(nine, EncodeOptions.Default);
        Assert.Equal(0.0, TinyModels.MaxAbsDiff(got, want));
    }

    [Fact]
    public void ChunkedParityEncodeEqualsWholeAndMomentsStackMeanOverLogVar()
    {
        using var tokenizer = TinyModels.Tokenizer();
        using var video = TinyModels.Video(9);
        using var chunked = IvVaeParity.Run(tokenizer, new ParityStep("encode", video, Options("""{"posterior": "moments", "scaled": false, "chunk_frames": 3}"""), NoGolden));
        using var mean = tokenizer.Encode(video, EncodeOptions.Default with { Scaled = false });
        using var logVar = tokenizer.Encode(video, EncodeOptions.Default with { Scaled = false, Posterior = PosteriorMode.LogVar });
        using var want = Tensor.Cat([mean, logVar], 1);
        Assert.True(TinyModels.MaxAbsDiff(chunked, want) < 1e-5);
    }

    [Fact]
    public void UnknownOptionsFailTheStep()
    {
        using var tokenizer = TinyModels.Tokenizer();
        using var video = TinyModels.Video(5);
        var e = Assert.Throws<NotSupportedException>(() =>
            IvVaeParity.Run(tokenizer, new ParityStep("encode", video, Options("""{"tiling": {}}"""), NoGolden)));
        Assert.Contains("tiling", e.Message);
    }
}
