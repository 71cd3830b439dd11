using VideoPipe.Abstractions;

namespace VideoPipe.Engine.Tests;

/// <summary>How a dataset's clips of one source become one item: order, and the frames neighbouring clips share.</summary>
public sealed class SourceLatentsTests
{
    [Fact]
    public void ClipsGroupBySourceAndOrderByTheirStart()
    {
        var groups = SourceLatents.Group([Clip("b.mp4", 0, 9), Clip("a.mp4", 16, 9), Clip("a.mp4", 0, 9), Clip("a.mp4", 8, 9)]);

        Assert.Equal(["a.mp4", "b.mp4"], groups.Select(g => g.SourcePath));
        Assert.Equal([0L, 8, 16], groups[0].Clips.Select(c => c.Metadata.ClipStart));
        Assert.Equal(ItemId.ForSeconds("a.mp4", "sha-a.mp4", null, null), groups[0].Item(0).Id);
    }

    [Fact]
    public void OverlappingClipsShareTheirCommonFramesAndGapsShareNone()
    {
        var source = SourceLatents.Group([Clip("a.mp4", 0, 9), Clip("a.mp4", 8, 9), Clip("a.mp4", 20, 9)]).Single();

        var tiles = Enumerable.Range(0, 3).Select(c => source.Rebase(c, c).Single()).ToList();

        Assert.Equal([0, 1, 2], tiles.Select(t => t.TileIndex));
        Assert.Equal([0L, 8, 20], tiles.Select(t => t.FirstFrame));
        Assert.Equal([0, 1, 0], tiles.Select(t => t.LeadingOverlap));
        Assert.Equal([false, false, true], tiles.Select(t => t.IsLastTile));
    }

    [Fact]
    public void AClipOfSeveralTilesKeepsItsOwnOverlapsAfterTheFirst()
    {
        var tiled = Clip("a.mp4", 4, 13) with
        {
            Metadata = Clip("a.mp4", 4, 13).Metadata with
            {
                Tiles = [Tile(0, false, 0, 9, 9, 1), Tile(1, true, 8, 9, 5, 1)],
            },
        };
        var source = SourceLatents.Group([Clip("a.mp4", 0, 9), tiled]).Single();

        var second = source.Rebase(1, 1);

        Assert.Equal([1, 2], second.Select(t => t.TileIndex));
        Assert.Equal([4L, 12], second.Select(t => t.FirstFrame));
        Assert.Equal([5, 1], second.Select(t => t.LeadingOverlap));
        Assert.Equal([false, true], second.Select(t => t.IsLastTile));
    }

    private static TileGeometry Tile(int index, bool last, long first, int frames, int valid, int overlap) => new()
    {
        TileIndex = index, IsLastTile = last, FirstFrame = first, Frames = frames, ValidFrames = valid, OverlapFrames = overlap, Fps = 8,
    };

    private static LatentEntry Clip(string source, long start, int frames) =>
        new(SampleLatentMetadata.Create($"{source}@{start}", source, start, frames, [LatentFile.WholeClipTile(frames, 8)]), $"{source}-{start}.safetensors");
}
