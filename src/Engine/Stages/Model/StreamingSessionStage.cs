using System.Collections.Concurrent;
using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// The loop shared by streaming encode and streaming decode-latents: one session per item, chunks pushed in tile
/// order, Complete() after the last, and every chunk the session returns emitted with a geometry in clip frames.
/// </summary>
internal abstract class StreamingSessionStage(ITokenizer tokenizer, IDeviceContext deviceContext, DType dtype) : IItemStateStage, IDisposable
{
    private readonly ConcurrentDictionary<string, StreamingItem<IStreamSession>> items = new(StringComparer.Ordinal);

    /// <summary>"latents" or "frames": what the session returns, for error messages.</summary>
    protected abstract string OutputName { get; }

    /// <summary>The chunk carried by <paramref name="message"/> and where it sits in the clip.</summary>
    protected abstract (Tensor Chunk, TileGeometry Geometry) Unpack(StageMessage message);

    protected abstract IStreamSession Open(StageMessage message);

    /// <summary>Wraps a returned chunk as the outgoing payload, with its geometry from <paramref name="item"/>.</summary>
    protected abstract (object Payload, int Sequence) Pack(StreamingItem<IStreamSession> item, Tensor output, bool last, double fps);

    public async ValueTask ProcessAsync(StageMessage message, IStageEmitter output, CancellationToken cancellationToken)
    {
        var (chunk, tileGeometry) = Unpack(message);
        var item = items.GetOrAdd(message.Item.Id, _ => new StreamingItem<IStreamSession>(Open(message)));
        item.Add(chunk.Narrow(2, 0, chunk.Size(2)), tileGeometry);
        while (item.TryTakeNext(out var data, out var geometry))
        {
            var last = geometry.IsLastTile;
            Tensor? result;
            using (data)
            using (deviceContext.Enter())
            using (var scope = DisposeScope.Enter())
            {
                var pushed = item.Session.Push(data.To(dtype, tokenizer.Device));
                var all = last ? StreamingItem<IStreamSession>.Join(pushed, item.Session.Complete()) : pushed;
                result = all is null ? null : scope.Keep(all);
            }

            if (result is null)
            {
                if (last)
                {
                    Discard(message.Item.Id);
                    throw new InvalidOperationException($"the {tokenizer.Card.Family} session returned no {OutputName} for item {message.Item.Id}");
                }

                continue;
            }

            var (payload, sequence) = Pack(item, result, last, geometry.Fps);
            await output.EmitAsync(new StageMessage(message.Item, payload, last) { Sequence = sequence }, cancellationToken);
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
