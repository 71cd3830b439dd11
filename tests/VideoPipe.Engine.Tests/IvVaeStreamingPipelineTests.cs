using VideoPipe.Abstractions;
using VideoPipe.Torch;
using VideoPipe.Tests.Shared;

namespace VideoPipe.Engine.Tests;

/// <summary>
/// pipelines/stream-reconstruct.json (causal chunks, streaming encode and decode sessions) with the real IV-VAE
/// plugin in the tiny configuration of shared/goldens/ivvae/case1: the streamed reconstruction must equal the
/// whole-clip Encode + Decode (within 1e-5 before quantisation; after it, rounding may move a value by one).
/// </summary>
public sealed class IvVaeStreamingPipelineTests() : StreamingReconstructionTests("IvVae", "ivvae")
{
    private readonly string goldenCase = Repository.GoldenCase("ivvae", "case1");

    [Theory]
    [InlineData(33)]
    [InlineData(35)]
    public async Task StreamedReconstructionEqualsTheWholeClip(int frames)
    {
        using var components = Catalog.Acquire();

        var (source, streamed) = await StreamReconstructAsync(components, goldenCase, frames);

        using (source)
        using (streamed)
        {
            Assert.Equal(frames, streamed.Size(0));

            // The whole-clip reference of the longest 1+4k prefix (causal: later frames cannot change earlier ones).
            var prefix = (int)FrameRule.OnePlusFourK.RoundDown(frames);
            using var tokenizer = CreateTokenizer(components, goldenCase);
            using var quantised = WholeClipReference.Quantised(tokenizer, source.Narrow(0, 0, prefix));
            using var difference = quantised.Sub(streamed.Narrow(0, 0, prefix).To(DType.Int32, Device.Cpu)).Abs();
            Assert.InRange(difference.MaxValue(), 0, 1);
        }
    }

    [Fact]
    public async Task StreamingStagesMatchTheWholeClipBeforeQuantisation()
    {
        using var components = Catalog.Acquire();
        using var tokenizer = CreateTokenizer(components, goldenCase);

        using var run = await ThroughStreamingStagesAsync(tokenizer, """{"tokenizer":"model","streaming":true}""");

        using var whole = WholeClipReference.Reconstruct(tokenizer, run.Clip);
        Assert.Equal(4, run.Tiles);
        Assert.Equal(4, run.LatentChunks);
        Assert.True(run.EndedItem);
        Assert.Equal(whole.Shape, run.Streamed.Shape);
        using var difference = whole.Sub(run.Streamed).Abs();
        Assert.InRange(difference.MaxValue(), 0, 1e-5);
    }
}
