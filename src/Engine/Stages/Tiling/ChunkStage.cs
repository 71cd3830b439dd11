using System.Collections.Concurrent;
using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Engine.Stages;

internal sealed class ChunkStage(FrameRule rule, int tileFrames, int overlapFrames, bool causal, Device device, DType dtype) : IItemStateStage, IDisposable
{
    private readonly ConcurrentDictionary<string, TileCutter> cutters = new(StringComparer.Ordinal);

    public async ValueTask ProcessAsync(StageMessage message, IStageEmitter output, CancellationToken cancellationToken)
    {
        var block = (FrameBlock)message.Payload;
        var cutter = cutters.GetOrAdd(message.Item.Id, _ => new TileCutter(rule, tileFrames, overlapFrames, block.Fps, causal));
        cutter.Append(block);
        foreach (var (frames, geometry) in cutter.TakeReady(final: message.EndOfItem))
        {
            TemporalTile tile;
            using (frames)
            {
                tile = new TemporalTile(ToModelInput(frames), geometry);
            }

            await output.EmitAsync(new StageMessage(message.Item, tile, geometry.IsLastTile) { Sequence = geometry.TileIndex }, cancellationToken);
        }

        if (message.EndOfItem && cutters.TryRemove(message.Item.Id, out var done))
        {
            done.Dispose();
        }
    }

    /// <summary>uint8 [T, H, W, 3] -> [1, 3, T, H, W] in [-1, 1].</summary>
    private Tensor ToModelInput(Tensor frames)
    {
        using var scope = DisposeScope.Enter();
        var video = frames.Permute(3, 0, 1, 2).Unsqueeze(0).To(dtype, device).Div(127.5).Sub(1.0).Contiguous();
        return scope.Keep(video);
    }

    public void Discard(string itemId)
    {
        if (cutters.TryRemove(itemId, out var cutter))
        {
            cutter.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var cutter in cutters.Values)
        {
            cutter.Dispose();
        }

        cutters.Clear();
    }
}
