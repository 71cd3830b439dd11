using VideoPipe.Abstractions;
using VideoPipe.Engine.Stages;
using VideoPipe.Torch;

namespace VideoPipe.Engine.Tests;

/// <summary>Chunk mode "causal": consecutive tiles for streaming sessions, padded tail cropped back by stitch.</summary>
public sealed class CausalTilingTests
{
    private static readonly WorkItem Item = new() { Id = "clip", SourcePath = "clip.mp4" };

    [Theory]
    [InlineData(33, new[] { 9, 8, 8, 8 }, new[] { 9, 8, 8, 8 })]
    [InlineData(35, new[] { 9, 8, 8, 8, 4 }, new[] { 9, 8, 8, 8, 2 })]
    [InlineData(6, new[] { 9 }, new[] { 6 })]
    [InlineData(12, new[] { 9, 4 }, new[] { 9, 3 })]
    public async Task CausalTilesAreConsecutiveAndStitchBackToTheClip(int frames, int[] tileSizes, int[] validFrames)
    {
        using var tokenizer = new AveragePoolTokenizer(AveragePoolFamily.Card, Device.Cpu, DType.Float32);
        var chunk = new ChunkStageType().Create(StageContexts.For("""{"tokenizer":"t","tileFrames":9,"mode":"causal"}""", tokenizer));
        var stitch = new StitchStageType().Create(StageContexts.For("""{"overlap":"drop"}"""));
        using var clip = RandomFrames(frames, 8, 8);

        var tiles = new CollectingEmitter();
        for (var start = 0; start < frames; start += 5)
        {
            var count = Math.Min(5, frames - start);
            using var block = new FrameBlock(clip.Narrow(0, start, count).Contiguous(), start, 10);
            await chunk.ProcessAsync(new StageMessage(Item, block, start + count == frames), tiles, default);
        }

        var geometries = tiles.Messages.Select(m => ((TemporalTile)m.Payload).Geometry).ToList();
        Assert.Equal(tileSizes, tiles.Messages.Select(m => (int)((TemporalTile)m.Payload).Video.Size(2)));
        Assert.Equal(validFrames, geometries.Select(g => g.ValidFrames));
        Assert.All(geometries, g => Assert.Equal(0, g.OverlapFrames));
        Assert.Equal(geometries.Select(g => g.FirstFrame), geometries.Select((g, i) => (long)validFrames.Take(i).Sum()));
        Assert.True(AveragePoolFamily.Card.FrameRule.Accepts(tileSizes.Sum()));

        var output = new CollectingEmitter();
        foreach (var message in tiles.Messages)
        {
            await stitch.ProcessAsync(message, output, default);
            ((TemporalTile)message.Payload).Dispose();
        }

        var blocks = output.Messages.Select(m => (FrameBlock)m.Payload).ToList();
        Assert.True(output.Messages[^1].EndOfItem);
        using var stitched = Tensor.Cat(blocks.Select(b => b.Frames).ToList(), 0);
        Assert.Equal(clip.Shape, stitched.Shape);
        Assert.Equal(clip.ToArray<byte>(), stitched.ToArray<byte>());
        blocks.ForEach(b => b.Dispose());
    }

    private static Tensor RandomFrames(int frames, int height, int width)
    {
        var data = new byte[frames * height * width * 3];
        new Random(99).NextBytes(data);
        return Tensor.FromArray(data, frames, height, width, 3);
    }
}
