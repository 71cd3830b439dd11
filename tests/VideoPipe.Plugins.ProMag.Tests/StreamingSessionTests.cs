using VideoPipe.Abstractions;
using VideoPipe.Plugins.ProMag.Streaming;
using VideoPipe.Plugins.Sdk;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.ProMag.Tests;

/// <summary>
/// The paper's inference in sessions: 17-frame chunks every 13 frames, each coded on its own, the 4 shared frames
/// blended linearly on decode; pieces of any size give the same result, and a session holds one chunk.
/// </summary>
public sealed class StreamingSessionTests
{
    private const long Frames = 40; // chunks [0,17), [13,30), [26,40) padded to 17

    private static Tensor Padded(Tensor clip, long frames) =>
        Tensor.Cat([clip, clip.Narrow(2, clip.Size(2) - 1, 1).Expand(-1, -1, frames - clip.Size(2), -1, -1)], 2);

    /// <summary>The three chunks of the 40-frame clip as the host's overlap tiling cuts them.</summary>
    private static Tensor[] Chunks(Tensor video) =>
        [video.Narrow(2, 0, 17), video.Narrow(2, 13, 17), Padded(video.Narrow(2, 26, 14), 17)];

    private static Tensor Run(IStreamSession session, Tensor input, long piece)
    {
        var parts = new List<Tensor>();
        for (long start = 0; start < input.Size(2); start += piece)
        {
            if (session.Push(input.Narrow(2, start, Math.Min(piece, input.Size(2) - start))) is { } part)
            {
                parts.Add(part);
            }
        }

        if (session.Complete() is { } rest)
        {
            parts.Add(rest);
        }

        return Tensor.Cat(parts, 2);
    }

    [Theory]
    [InlineData(4, 1)]
    [InlineData(4, 7)]
    [InlineData(8, 40)]
    public void EncodeSessionGivesEachOverlappingChunksLatentsInOrder(int ratio, long piece)
    {
        using var tokenizer = TinyProMag.Busy(ratio);
        using var scope = DisposeScope.Enter();
        var video = TinyProMag.Video(Frames);
        var expected = Tensor.Cat([.. Chunks(video).Select(c => tokenizer.Encode(c, EncodeOptions.Default))], 2);

        using var session = tokenizer.BeginEncode(EncodeOptions.Default);
        var streamed = Run(session, video, piece);

        Assert.Equal(expected.Shape, streamed.Shape);
        Assert.Equal(3 * (1 + 16 / ratio), streamed.Size(2));
        Assert.True(TinyProMag.MaxAbsDiff(expected, streamed) < 1e-5, $"max abs diff {TinyProMag.MaxAbsDiff(expected, streamed)}");
    }

    [Theory]
    [InlineData(4, 1)]
    [InlineData(4, 6)]
    [InlineData(8, 2)]
    public void DecodeSessionBlendsTheFourSharedFramesOfNeighbouringChunks(int ratio, long piece)
    {
        using var tokenizer = TinyProMag.Busy(ratio);
        using var scope = DisposeScope.Enter();
        var latents = Chunks(TinyProMag.Video(Frames)).Select(c => tokenizer.Encode(c, EncodeOptions.Default)).ToArray();
        var v = latents.Select(l => tokenizer.Decode(l, DecodeOptions.Default)).ToArray();
        var expected = Tensor.Cat(
        [
            v[0].Narrow(2, 0, 13), OverlapBlend.Blend(v[0].Narrow(2, 13, 4), v[1].Narrow(2, 0, 4)),
            v[1].Narrow(2, 4, 9), OverlapBlend.Blend(v[1].Narrow(2, 13, 4), v[2].Narrow(2, 0, 4)), v[2].Narrow(2, 4, 13),
        ], 2);

        using var session = tokenizer.BeginDecode(DecodeOptions.Default);
        var streamed = Run(session, Tensor.Cat(latents, 2), piece);

        Assert.Equal(Frames + 3, streamed.Size(2)); // the last chunk's 3 padding frames, for the caller to crop
        Assert.True(TinyProMag.MaxAbsDiff(expected, streamed) < 1e-5, $"max abs diff {TinyProMag.MaxAbsDiff(expected, streamed)}");
    }

    [Fact]
    public void TheBlendWeightsRiseAsThePaperSays()
    {
        using var scope = DisposeScope.Enter();
        var blended = OverlapBlend.Blend(Tensor.Zeros([1, 1, 4, 1, 1]), Tensor.Ones([1, 1, 4, 1, 1]));
        Assert.Equal([0.2f, 0.4f, 0.6f, 0.8f], blended.Flatten().ToArray<float>().Select(x => MathF.Round(x, 6)));
    }

    [Fact]
    public void ALongStreamHoldsOneChunkAndAShortClipIsOneChunk()
    {
        using var tokenizer = TinyProMag.Create(4);
        using var scope = DisposeScope.Enter();
        using var encode = (ProMagEncodeSession)tokenizer.BeginEncode(EncodeOptions.Default);
        using var decode = (ProMagDecodeSession)tokenizer.BeginDecode(DecodeOptions.Default);
        long latentFrames = 0, framesOut = 0;
        for (var i = 0; i < 30; i++)
        {
            using var inner = DisposeScope.Enter();
            if (encode.Push(TinyProMag.Video(5, seed: (ulong)i)) is { } latent)
            {
                latentFrames += latent.Size(2);
                framesOut += decode.Push(latent)?.Size(2) ?? 0;
            }

            Assert.True(encode.PendingFrames < 17 + 5, $"encode holds {encode.PendingFrames} frames");
            Assert.True(decode.PendingLatentFrames < 5 && decode.HeldFrames <= 4);
        }

        var lastLatents = encode.Complete()!;
        Assert.Equal(3, lastLatents.Size(2));
        framesOut += decode.Push(lastLatents)?.Size(2) ?? 0;
        framesOut += decode.Complete()?.Size(2) ?? 0;
        // 150 frames: 11 whole chunks [13j, 13j + 17), then frames 143..149 padded from 7 to 9 (1 + 4·2)
        Assert.Equal(11 * 5, latentFrames);
        Assert.Equal(150 + 2, framesOut);

        using var shortSession = tokenizer.BeginEncode(EncodeOptions.Default);
        Assert.Null(shortSession.Push(TinyProMag.Video(6)));
        Assert.Equal(3, shortSession.Complete()!.Size(2)); // 6 frames padded to 9: 3 latent frames
    }
}
