using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Engine.Tests;

/// <summary>
/// The REGEN plugin (regen-xs at k = 4, seeded random weights: no weights exist yet) through the chunk, streaming
/// encode and streaming decode-latents stages: the streamed reconstruction equals the whole-clip Encode + Decode with
/// the same seed bit for bit, because whole-clip calls run the sessions' chunk loop (docs/regen.md).
/// </summary>
public sealed class RegenStreamingPipelineTests() : StreamingReconstructionTests("Regen", "regen")
{
    private const ulong Seed = 9;

    [Fact]
    public async Task StreamingStagesMatchTheWholeClip()
    {
        using var components = Catalog.Acquire();
        using var tokenizer = components.Families["regen"].Create(new TokenizerRequest
        {
            Preset = "regen-xs-4",
            RandomWeightsSeed = 3,
            DeviceContext = CpuDeviceContext.Instance,
        });

        using var run = await ThroughStreamingStagesAsync(tokenizer, $$"""{"tokenizer":"model","streaming":true,"seed":{{Seed}}}""");

        using var whole = WholeClipReference.Reconstruct(tokenizer, run.Clip, new DecodeOptions { Seed = Seed });
        Assert.True(run.EndedItem);
        Assert.Equal(whole.Shape, run.Streamed.Shape);
        using var difference = whole.Sub(run.Streamed).Abs();
        Assert.Equal(0, difference.MaxValue());
    }
}
