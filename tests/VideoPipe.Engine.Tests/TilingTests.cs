using VideoPipe.Abstractions;
using VideoPipe.Engine.Stages;
using VideoPipe.Torch;

namespace VideoPipe.Engine.Tests;

/// <summary>Chunk then stitch with an identity "model" in between must give back exactly the input frames.</summary>
public sealed class TilingTests
{
    private static readonly WorkItem Item = new() { Id = "clip", SourcePath = "clip.mp4" };

    [Theory]
    [InlineData(17, 9, 1, "drop", 2)]
    [InlineData(20, 9, 1, "drop", 3)]
    [InlineData(20, 9, 3, "blend", 3)]
    [InlineData(9, 9, 1, "drop", 1)]
    [InlineData(14, 0, 0, "drop", 1)]
    [InlineData(3, 9, 1, "blend", 1)]
    public async Task ChunkThenStitchReproducesTheClip(int frames, int tileFrames, int overlap, string mode, int expectedTiles)
    {
        using var tokenizer = new AveragePoolTokenizer(AveragePoolFamily.Card, Device.Cpu, DType.Float32);
        var chunk = new ChunkStageType().Create(StageContexts.For($$"""{"tokenizer":"t","tileFrames":{{tileFrames}},"overlapFrames":{{overlap}}}""", tokenizer));
        var stitch = new StitchStageType().Create(StageContexts.For($$"""{"overlap":"{{mode}}"}"""));
        using var clip = RandomFrames(frames, 16, 24);

        var tiles = new CollectingEmitter();
        for (var start = 0; start < frames; start += 5)
        {
            var count = Math.Min(5, frames - start);
            using var block = new FrameBlock(clip.Narrow(0, start, count).Contiguous(), start, 10);
            await chunk.ProcessAsync(new StageMessage(Item, block, start + count == frames), tiles, default);
        }

        Assert.Equal(expectedTiles, tiles.Messages.Count);
        Assert.All(tiles.Messages, m => Assert.True(AveragePoolFamily.Card.FrameRule.Accepts(((TemporalTile)m.Payload).Video.Size(2))));
        Assert.True(tiles.Messages[^1].EndOfItem);

        // Decoded tiles may arrive in any order; stitch restores it.
        var output = new CollectingEmitter();
        foreach (var message in Enumerable.Reverse(tiles.Messages))
        {
            var tile = (TemporalTile)message.Payload;
            await stitch.ProcessAsync(message, output, default);
            tile.Dispose();
        }

        var blocks = output.Messages.Select(m => (FrameBlock)m.Payload).ToList();
        Assert.True(output.Messages[^1].EndOfItem);
        Assert.Equal(Enumerable.Range(0, blocks.Count), output.Messages.Select(m => m.Sequence));
        using var stitched = Tensor.Cat(blocks.Select(b => b.Frames).ToList(), 0);
        Assert.Equal(clip.Shape, stitched.Shape);
        Assert.Equal(clip.ToArray<byte>(), stitched.ToArray<byte>());
        blocks.ForEach(b => b.Dispose());
    }

    [Fact]
    public async Task BlendCrossFadesTheSharedFrames()
    {
        var card = AveragePoolFamily.Card;
        var stitch = new StitchStageType().Create(StageContexts.For("""{"overlap":"blend"}"""));
        var output = new CollectingEmitter();
        // Two 5-frame tiles sharing 3 frames: the first is all -1 (byte 0), the second all +1 (byte 255).
        TileGeometry Geometry(int index) => new() { TileIndex = index, IsLastTile = index == 1, FirstFrame = index * 2, Frames = 5, ValidFrames = 5, OverlapFrames = 3, Fps = 10 };
        using var dark = new TemporalTile(Tensor.Full([1, 3, 5, 8, 8], -1), Geometry(0));
        using var bright = new TemporalTile(Tensor.Full([1, 3, 5, 8, 8], 1), Geometry(1));
        await stitch.ProcessAsync(new StageMessage(Item, dark, false), output, default);
        await stitch.ProcessAsync(new StageMessage(Item, bright, true), output, default);

        var values = output.Messages.SelectMany(m => ((FrameBlock)m.Payload).Frames.Select(3, 0).Select(2, 0).Select(1, 0).ToArray<byte>()).ToArray();
        // 2 unshared dark frames, 3 cross-faded (weights 1/4, 2/4, 3/4 of bright), 2 bright frames.
        Assert.Equal(new byte[] { 0, 0, 64, 128, 191, 255, 255 }, values);
        Assert.True(card.FrameRule.Accepts(5));
    }

    private static Tensor RandomFrames(int frames, int height, int width)
    {
        var data = new byte[frames * height * width * 3];
        new Random(1234).NextBytes(data);
        return Tensor.FromArray(data, frames, height, width, 3);
    }
}
