using VideoPipe.Abstractions;

namespace VideoPipe.Engine.Stages;

/// <summary>Hands loaded latent tiles on in order; those not handed over (cancelled mid-item) are freed here.</summary>
internal static class LatentEmission
{
    /// <param name="firstSequence">Sequence number of the first tile on the edge.</param>
    /// <param name="endsItem">Whether the last of these tiles is the item's last message.</param>
    public static async Task EmitAsync(WorkItem item, IReadOnlyList<LatentTile> tiles, int firstSequence, bool endsItem, IStageEmitter output, CancellationToken cancellationToken)
    {
        var emitted = 0;
        try
        {
            for (; emitted < tiles.Count; emitted++)
            {
                var last = endsItem && emitted == tiles.Count - 1;
                await output.EmitAsync(new StageMessage(item, tiles[emitted], last) { Sequence = firstSequence + emitted }, cancellationToken);
            }
        }
        finally
        {
            foreach (var tile in tiles.Skip(emitted))
            {
                tile.Dispose();
            }
        }
    }
}
