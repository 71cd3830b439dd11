using System.Collections.Concurrent;
using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// encode with <c>streaming: true</c>: one encode session per item, tiles pushed in order, Complete() after the
/// last; every chunk of latents the session returns goes out with a geometry in clip frames.
/// </summary>
internal sealed class StreamingEncodeStage(IStreamingTokenizer tokenizer, EncodeOptions options, IDeviceContext deviceContext, DType dtype)
    : IItemStateStage, IDisposable
{
    private readonly ConcurrentDictionary<string, StreamingItem<IEncodeSession>> items = new(StringComparer.Ordinal);
    private readonly LatentProvenance provenance = EncodeStageType.ProvenanceFor(tokenizer, options);

    public async ValueTask ProcessAsync(StageMessage message, IStageEmitter output, CancellationToken cancellationToken)
    {
        var tile = (TemporalTile)message.Payload;
        var item = items.GetOrAdd(message.Item.Id, _ => new StreamingItem<IEncodeSession>(tokenizer.BeginEncode(options)));
        item.Add(tile.Video.Narrow(2, 0, tile.Video.Size(2)), tile.Geometry);
        while (item.TryTakeNext(out var video, out var geometry))
        {
            var last = geometry.IsLastTile;
            Tensor? latents;
            using (video)
            using (deviceContext.Enter())
            using (var scope = DisposeScope.Enter())
            {
                var pushed = item.Session.Push(video.To(dtype, tokenizer.Device));
                var all = last ? StreamingItem<IEncodeSession>.Join(pushed, item.Session.Complete()) : pushed;
                latents = all is null ? null : scope.Keep(all);
            }

            if (latents is null)
            {
                if (last)
                {
                    Discard(message.Item.Id);
                    throw new InvalidOperationException($"the {tokenizer.Card.Family} encode session returned no latents for item {message.Item.Id}");
                }

                continue;
            }

            var emitted = item.EmitLatents((int)latents.Size(2), tokenizer.Card.FrameRule, last, geometry.Fps);
            await output.EmitAsync(new StageMessage(message.Item, new LatentTile(latents, emitted, provenance), last) { Sequence = emitted.TileIndex }, cancellationToken);
            if (last)
            {
                Discard(message.Item.Id);
                return;
            }
        }
    }

    public void Discard(string itemId)
    {
        if (items.TryRemove(itemId, out var item))
        {
            item.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var item in items.Values)
        {
            item.Dispose();
        }

        items.Clear();
    }
}
