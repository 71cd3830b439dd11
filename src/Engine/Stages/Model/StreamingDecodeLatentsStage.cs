using System.Collections.Concurrent;
using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// decode-latents with <c>streaming: true</c>: one decode session per item (opened with the first latent's
/// provenance), latents pushed in order, Complete() after the last; every chunk of frames the session returns
/// goes out with a geometry in clip frames, its padded tail marked so stitching crops it.
/// </summary>
internal sealed class StreamingDecodeLatentsStage(IStreamingTokenizer tokenizer, ulong? seed, IDeviceContext deviceContext, DType dtype)
    : IItemStateStage, IDisposable
{
    private readonly ConcurrentDictionary<string, StreamingItem<IDecodeSession>> items = new(StringComparer.Ordinal);

    public async ValueTask ProcessAsync(StageMessage message, IStageEmitter output, CancellationToken cancellationToken)
    {
        var latent = (LatentTile)message.Payload;
        DecodeLatentsStage.CheckFamily(latent, tokenizer.Card);
        var item = items.GetOrAdd(message.Item.Id, _ => new StreamingItem<IDecodeSession>(
            tokenizer.BeginDecode(new DecodeOptions { Scaled = latent.Provenance.ScalingApplied, Seed = seed })));
        item.Add(latent.Latents.Narrow(2, 0, latent.Latents.Size(2)), latent.Geometry);
        while (item.TryTakeNext(out var latents, out var geometry))
        {
            var last = geometry.IsLastTile;
            Tensor? video;
            using (latents)
            using (deviceContext.Enter())
            using (var scope = DisposeScope.Enter())
            {
                var pushed = item.Session.Push(latents.To(dtype, tokenizer.Device));
                var all = last ? StreamingItem<IDecodeSession>.Join(pushed, item.Session.Complete()) : pushed;
                video = all is null ? null : scope.Keep(all);
            }

            if (video is null)
            {
                if (last)
                {
                    Discard(message.Item.Id);
                    throw new InvalidOperationException($"the {tokenizer.Card.Family} decode session returned no frames for item {message.Item.Id}");
                }

                continue;
            }

            var emitted = item.EmitFrames((int)video.Size(2), last, geometry.Fps);
            await output.EmitAsync(new StageMessage(message.Item, new TemporalTile(video, emitted), last) { Sequence = emitted.TileIndex }, cancellationToken);
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
