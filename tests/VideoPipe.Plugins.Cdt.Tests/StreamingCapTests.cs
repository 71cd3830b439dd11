using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Tests;

/// <summary>
/// Decode sessions stay bounded by stream_max_chunk_latent_frames whatever upstream's chunk rule says (at the tiny
/// models' 3x5 latents the rule gives D = 1092, more than any clip), and the capped pieces decode exactly as the
/// chunks would (the encode cap: StreamingTests.StreamedEncodeEqualsWholeClip).
/// </summary>
public sealed class StreamingCapTests
{
    private const int Cap = 2;
    private const long LatentFrames = 7;

    [Theory]
    [InlineData("small", null)]
    [InlineData("base", null)]
    [InlineData("base", 3)]
    public void DecodeSessionHoldsAtMostTheCapAndEqualsTheWholeDecode(string variant, int? chunkLatentFrames)
    {
        using var scope = DisposeScope.Enter();
        using var tokenizer = TinyModels.Create(variant);
        using var generator = new Generator(11);
        var latent = Tensor.Randn(generator, [1, tokenizer.Config.LatentDim, LatentFrames, 3, 5]);
        var settings = new CdtSettings { ChunkLatentFrames = chunkLatentFrames };
        var whole = tokenizer.Decode(latent, new DecodeOptions { Seed = 2, Settings = settings.ToSettings() });
        var capped = settings with { StreamMaxChunkLatentFrames = Cap };

        using var session = tokenizer.BeginDecode(new DecodeOptions { Seed = 2, Settings = capped.ToSettings() });
        var parts = new List<Tensor>();
        long framesOut = 0;
        for (long pushed = 1; pushed <= LatentFrames; pushed++)
        {
            if (session.Push(latent.Slice(2, pushed - 1, pushed)) is { } frames)
            {
                parts.Add(frames);
                framesOut += frames.Size(2);
            }

            var latentsOut = (framesOut + 3) / 4;
            Assert.InRange(pushed - latentsOut, 0, Cap - 1);
        }

        if (session.Complete() is { } rest)
        {
            parts.Add(rest);
        }

        Assert.True(TinyModels.MaxAbsDiff(whole, Tensor.Cat(parts, 2)) < 1e-4);
    }
}
