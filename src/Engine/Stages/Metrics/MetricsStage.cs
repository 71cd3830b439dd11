using System.Collections.Concurrent;
using System.Text.Json;
using VideoPipe.Abstractions;
using FrameBlock = VideoPipe.Abstractions.FrameBlock;

namespace VideoPipe.Engine.Stages;

internal sealed class MetricsStage(string directory) : IFlushingStage, IItemStateStage, IAsyncDisposable
{
    internal static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly ConcurrentDictionary<string, ClipState> clips = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<ClipSummary> finished = [];

    public async ValueTask ProcessAsync(StageMessage message, IStageEmitter output, CancellationToken cancellationToken)
    {
        var block = (FrameBlock)message.Payload;
        var clip = clips.GetOrAdd(message.Item.Id, _ => new ClipState(new ReferenceFrames(message.Item),
            new ClipMetricsWriter(Path.Combine(directory, $"{message.Item.Id}.metrics.json"), message.Item.Id, message.Item.SourcePath)));
        using (var reference = await clip.Reference.TakeAsync(block.Count, cancellationToken))
        {
            var scores = FrameQuality.Compare(reference, block.Frames);
            for (var i = 0; i < scores.Length; i++)
            {
                clip.Writer.Add(block.FirstFrame + i, scores[i].Psnr, scores[i].Ssim, scores[i].Mse);
            }
        }

        if (!message.EndOfItem || !clips.TryRemove(message.Item.Id, out _))
        {
            return;
        }

        await using (clip)
        {
            finished.Add(clip.Writer.Complete());
        }
    }

    public ValueTask FlushAsync(IStageEmitter output, CancellationToken cancellationToken)
    {
        var all = finished.OrderBy(c => c.Item, StringComparer.Ordinal).ToList();
        if (all.Count > 0)
        {
            var summary = new MetricsSummary(all.Count, all.Sum(c => c.Frames), all.Average(c => c.Psnr), all.Average(c => c.Ssim), all);
            AtomicFile.WriteAllText(Path.Combine(directory, "summary.json"), JsonSerializer.Serialize(summary, Json));
        }

        return ValueTask.CompletedTask;
    }

    public void Discard(string itemId)
    {
        if (clips.TryRemove(itemId, out var clip))
        {
            clip.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in clips.Keys.ToList())
        {
            if (clips.TryRemove(id, out var clip))
            {
                await clip.DisposeAsync();
            }
        }
    }

    private sealed class ClipState(ReferenceFrames reference, ClipMetricsWriter writer) : IAsyncDisposable
    {
        public ReferenceFrames Reference { get; } = reference;

        public ClipMetricsWriter Writer { get; } = writer;

        public async ValueTask DisposeAsync()
        {
            Writer.Dispose();
            await Reference.DisposeAsync();
        }
    }
}
