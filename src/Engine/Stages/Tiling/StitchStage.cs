using System.Collections.Concurrent;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.Sdk;
using VideoPipe.Torch;

namespace VideoPipe.Engine.Stages;

internal sealed class StitchStage(bool blend) : IItemStateStage, IDisposable
{
    private readonly ConcurrentDictionary<string, ItemState> items = new(StringComparer.Ordinal);

    public async ValueTask ProcessAsync(StageMessage message, IStageEmitter output, CancellationToken cancellationToken)
    {
        var tile = (TemporalTile)message.Payload;
        var state = items.GetOrAdd(message.Item.Id, _ => new ItemState());
        state.Waiting[tile.Geometry.TileIndex] = (tile.Video.Narrow(2, 0, tile.Video.Size(2)), tile.Geometry);
        while (state.Waiting.Remove(state.NextTile, out var next))
        {
            var (video, geometry) = next;
            state.NextTile++;
            FrameBlock block;
            using (video)
            {
                block = Contribution(state, video, geometry);
            }

            var last = geometry.IsLastTile;
            await output.EmitAsync(new StageMessage(message.Item, block, last) { Sequence = state.NextBlock++ }, cancellationToken);
            if (last)
            {
                Discard(message.Item.Id);
                return;
            }
        }
    }

    /// <summary>The frames this tile adds to the clip, as uint8 [T, H, W, 3].</summary>
    private FrameBlock Contribution(ItemState state, Tensor video, TileGeometry geometry)
    {
        using var scope = DisposeScope.Enter();
        var lead = geometry.LeadingOverlap;
        var trail = blend ? geometry.TrailingOverlap : 0;
        var bodyEnd = geometry.ValidFrames - trail;
        if (bodyEnd < lead)
        {
            throw new InvalidOperationException($"tile {geometry.TileIndex} has {geometry.ValidFrames} frames, too few for overlaps of {lead} and {trail}");
        }

        var parts = new List<Tensor>();
        if (blend && lead > 0)
        {
            var tail = state.Tail ?? throw new InvalidOperationException($"tile {geometry.TileIndex} has no predecessor tail to blend with");
            parts.Add(OverlapBlend.Blend(tail, video.Narrow(2, 0, lead)));
        }

        parts.Add(video.Narrow(2, lead, bodyEnd - lead));
        state.Tail?.Dispose();
        state.Tail = trail > 0 ? DisposeScope.Detach(video.Narrow(2, bodyEnd, trail).Clone()) : null;
        var frames = parts.Count == 1 ? parts[0] : Tensor.Cat(parts, 2);
        var bytes = frames.Squeeze(0).Permute(1, 2, 3, 0).Add(1.0).Mul(127.5).Round().Clamp(0, 255).To(DType.UInt8, Device.Cpu).Contiguous();
        var block = new FrameBlock(scope.Keep(bytes), state.FramesOut, geometry.Fps);
        state.FramesOut += block.Count;
        return block;
    }

    public void Discard(string itemId)
    {
        if (items.TryRemove(itemId, out var state))
        {
            state.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var state in items.Values)
        {
            state.Dispose();
        }

        items.Clear();
    }

    private sealed class ItemState : IDisposable
    {
        /// <summary>Tiles that arrived before their turn (a geometry leaves with its tile, so nothing grows with the clip's length).</summary>
        public Dictionary<int, (Tensor Video, TileGeometry Geometry)> Waiting { get; } = [];

        public int NextTile { get; set; }

        public int NextBlock { get; set; }

        public long FramesOut { get; set; }

        public Tensor? Tail { get; set; }

        public void Dispose()
        {
            foreach (var (video, _) in Waiting.Values)
            {
                video.Dispose();
            }

            Waiting.Clear();
            Tail?.Dispose();
        }
    }
}
