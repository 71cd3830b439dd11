using System.Collections.Concurrent;
using System.Text.Json;
using VideoPipe.Abstractions;
using FrameBlock = VideoPipe.Abstractions.FrameBlock;

namespace VideoPipe.Engine.Stages;

internal sealed class MetricsStage(string directory) : IFlushingStage, IItemStateStage, IAsyncDisposable
{
    internal static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly ConcurrentDictionary<string, ClipState> clips = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<ClipMetrics> finished = [];

    public async ValueTask ProcessAsync(StageMessage message, IStageEmitter output, CancellationToken cancellationToken)
    {
        var block = (FrameBlock)message.Payload;
        var clip = clips.GetOrAdd(message.Item.Id, _ => new ClipState(new ReferenceFrames(message.Item)));
        using (var reference = await clip.Reference.TakeAsync(block.Count, cancellationToken))
        {
            var scores = FrameQuality.Compare(reference, block.Frames);
            for (var i = 0; i < scores.Length; i++)
            {
                clip.Frames.Add(new FrameMetrics(block.FirstFrame + i, scores[i].Psnr, scores[i].Ssim));
                clip.SquaredErrorSum += scores[i].Mse;
            }
        }

        if (!message.EndOfItem || !clips.TryRemove(message.Item.Id, out _))
        {
            return;
        }

        await clip.Reference.DisposeAsync();
        var frames = clip.Frames;
        var meanMse = clip.SquaredErrorSum / frames.Count;
        var metrics = new ClipMetrics(message.Item.Id, message.Item.SourcePath, frames.Count, frames.Average(f => f.Psnr),
            meanMse <= 0 ? FrameQuality.MaxPsnr : Math.Min(FrameQuality.MaxPsnr, 10 * Math.Log10(255.0 * 255.0 / meanMse)),
            frames.Average(f => f.Ssim), frames);
        AtomicFile.WriteAllText(Path.Combine(directory, $"{message.Item.Id}.metrics.json"), JsonSerializer.Serialize(metrics, Json));
        finished.Add(metrics);
    }

    public ValueTask FlushAsync(IStageEmitter output, CancellationToken cancellationToken)
    {
        var all = finished.OrderBy(c => c.Item, StringComparer.Ordinal).ToList();
        if (all.Count > 0)
        {
            var summary = new MetricsSummary(all.Count, all.Sum(c => c.Frames), all.Average(c => c.Psnr), all.Average(c => c.Ssim),
                all.Select(c => new ClipSummary(c.Item, c.Frames, c.Psnr, c.Ssim)).ToList());
            AtomicFile.WriteAllText(Path.Combine(directory, "summary.json"), JsonSerializer.Serialize(summary, Json));
        }

        return ValueTask.CompletedTask;
    }

    public void Discard(string itemId)
    {
        if (clips.TryRemove(itemId, out var clip))
        {
            clip.Reference.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in clips.Keys.ToList())
        {
            if (clips.TryRemove(id, out var clip))
            {
                await clip.Reference.DisposeAsync();
            }
        }
    }

    private sealed class ClipState(ReferenceFrames reference)
    {
        public ReferenceFrames Reference { get; } = reference;

        public List<FrameMetrics> Frames { get; } = [];

        public double SquaredErrorSum { get; set; }
    }
}
