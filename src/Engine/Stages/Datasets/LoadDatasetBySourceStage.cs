using VideoPipe.Abstractions;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// load-dataset with <c>per: source</c>: one item per source whose tiles are those of its clips in order, placed
/// in source frames (<see cref="SourceLatents.Rebase"/>); only one clip's tiles are loaded at a time.
/// </summary>
internal sealed class LoadDatasetBySourceStage(IReadOnlyList<SourceLatents> sources) : ICountedSource
{
    public int? TotalItems => sources.Count;

    public async ValueTask ProcessAsync(StageMessage message, IStageEmitter output, CancellationToken cancellationToken)
    {
        for (var s = 0; s < sources.Count; s++)
        {
            var source = sources[s];
            var item = source.Item(s);
            var nextTile = 0;
            for (var c = 0; c < source.Clips.Count; c++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var geometry = source.Rebase(c, nextTile);
                var stored = LatentEntryLoader.LoadTiles(source.Clips[c]);
                var tiles = stored.Select((t, i) => new LatentTile(t.Latents, geometry[i], t.Provenance)).ToList();
                await LatentEmission.EmitAsync(item, tiles, nextTile, c == source.Clips.Count - 1, output, cancellationToken);
                nextTile += tiles.Count;
            }
        }
    }
}
