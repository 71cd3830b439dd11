using VideoPipe.Abstractions;

namespace VideoPipe.Engine;

/// <summary>
/// The clips a dataset holds of one source, in source order (by first frame). <see cref="Rebase"/> turns a clip's
/// tiles into tiles of the whole source, so decoding and stitching them in turn gives one video: a clip that
/// starts inside the frames already covered shares those frames with its predecessor (stitching drops them).
/// </summary>
public sealed record SourceLatents(string SourcePath, string? SourceSha256, IReadOnlyList<LatentEntry> Clips)
{
    /// <summary>The item of the whole source (the one item id scheme, over the source's full time range).</summary>
    public WorkItem Item(int index) => new()
    {
        Id = ItemId.ForSeconds(SourcePath, SourceSha256 ?? ItemId.UnreadableContent, null, null),
        SourcePath = SourcePath,
        Index = index,
    };

    /// <summary>Groups entries by source (path and content hash), sources in path order, clips by their start.</summary>
    public static IReadOnlyList<SourceLatents> Group(IEnumerable<LatentEntry> entries) =>
        entries.GroupBy(e => (e.Metadata.SourcePath, e.Metadata.SourceSha256))
            .OrderBy(g => g.Key.SourcePath, StringComparer.Ordinal).ThenBy(g => g.Key.SourceSha256, StringComparer.Ordinal)
            .Select(g => new SourceLatents(g.Key.SourcePath, g.Key.SourceSha256,
                g.OrderBy(e => e.Metadata.ClipStart).ThenBy(e => e.Metadata.StartSeconds ?? 0).ThenBy(e => e.Metadata.ClipIndex ?? 0).ToList()))
            .ToList();

    /// <param name="clip">Index of the clip in <see cref="Clips"/>.</param>
    /// <param name="firstTileIndex">Source-wide index of the clip's first tile.</param>
    public IReadOnlyList<TileGeometry> Rebase(int clip, int firstTileIndex)
    {
        var metadata = Clips[clip].Metadata;
        var covered = clip == 0 ? 0 : Clips[clip - 1].Metadata.ClipStart + Clips[clip - 1].Metadata.ClipFrames;
        var lastClip = clip == Clips.Count - 1;
        return metadata.Tiles.Select((tile, i) => tile with
        {
            TileIndex = firstTileIndex + i,
            IsLastTile = lastClip && tile.IsLastTile,
            FirstFrame = metadata.ClipStart + tile.FirstFrame,
            OverlapFrames = i == 0 ? (int)Math.Clamp(covered - metadata.ClipStart, 0, tile.ValidFrames) : tile.OverlapFrames,
        }).ToList();
    }
}
