using Microsoft.Extensions.Logging;
using VideoPipe.Abstractions;
using VideoPipe.Engine;

namespace VideoPipe.Precompute;

/// <summary>
/// Writes the dataset's latents (a safetensors file per clip, or WebDataset tars) and its shard ledger. Ledger lines
/// leave in arrival order and an item's "done" only once its output is durable, so a source's "source_done" never
/// precedes the items it vouches for. When the input ends, open archives are closed and recorded.
/// </summary>
public sealed class StoreDatasetStageType : IDatasetStageType
{
    public string Name => "store-dataset";

    public string Description => "Encoded clips to the dataset's store and its ledger (durable first, then recorded).";

    public PortKind Input => DatasetPorts.EncodedClips;

    public PortKind Output => PortKind.None;

    public bool OrderedInput => true;

    public IReadOnlyList<StageOption> Options { get; } = [DatasetPorts.DatasetOption];

    public IStage Create(StageContext context) => throw new InvalidOperationException($"'{Name}' is created with its dataset by the pipeline runner");

    public IStage Create(StageContext context, DatasetRun dataset) => new StoreDatasetStage(dataset, context.Logger);
}

internal sealed class StoreDatasetStage(DatasetRun dataset, ILogger logger) : IFlushingStage
{
    private readonly RunContext run = dataset.Context;
    private readonly ShardLedger ledger = dataset.Ledger;
    private readonly RunProgress progress = dataset.Progress;
    private readonly Queue<Pending> pending = new();
    private readonly Dictionary<string, Pending> awaitingDurability = new(StringComparer.Ordinal);
    private int consecutiveQuarantines;

    public async ValueTask ProcessAsync(StageMessage message, IStageEmitter output, CancellationToken cancellationToken)
    {
        await HandleAsync((SourceMessage)message.Payload, cancellationToken);
        await ReleaseAsync(cancellationToken);
    }

    public async ValueTask FlushAsync(IStageEmitter output, CancellationToken cancellationToken)
    {
        await MarkDurableAsync(await StoreCall(() => run.Store.FlushAsync(cancellationToken)), cancellationToken);
    }

    private async Task HandleAsync(SourceMessage message, CancellationToken abort)
    {
        var shard = run.Shard.Name;
        switch (message)
        {
            case ClipEncoded clip:
                {
                    var record = new LedgerRecord
                    {
                        Event = LedgerEvent.Done, Shard = shard, Item = clip.Clip.ItemId, Source = clip.Clip.Source.Key, Clip = clip.Clip.Window.Index,
                        Start = clip.Clip.Window.Start, Frames = clip.Clip.Window.Frames, Attempts = clip.Attempts, Seconds = Math.Round(clip.Seconds, 4), Bucket = clip.Clip.Bucket,
                    };
                    var entry = new Pending(record, clip.Clip.ItemId);
                    pending.Enqueue(entry);
                    awaitingDurability[clip.Clip.ItemId] = entry;
                    var stored = await StoreCall(() => run.Store.AddAsync(clip, abort));
                    await MarkDurableAsync(stored, abort);
                    progress.ClipEncoded();
                    consecutiveQuarantines = 0;
                }

                break;
            case ClipAlreadySettled settled when !settled.Quarantined && !run.PriorState.Done.ContainsKey(settled.ItemId):
                // The output is complete but the run that wrote it died before its ledger line.
                pending.Enqueue(new Pending(new LedgerRecord
                {
                    Event = LedgerEvent.Done, Shard = shard, Item = settled.ItemId, Source = settled.Source.Key, Clip = settled.Window.Index,
                    Start = settled.Window.Start, Frames = settled.Window.Frames, Recovered = true, Output = RecoveredOutput(settled.ItemId), Bucket = settled.Bucket,
                    Bytes = RecoveredBytes(settled.ItemId),
                }, null));
                progress.ClipRecovered();
                break;
            case ClipAlreadySettled:
                break;
            case AttemptFailed failed:
                pending.Enqueue(new Pending(new LedgerRecord { Event = LedgerEvent.Failed, Shard = shard, Item = failed.ItemId, Source = failed.Source.Key, Attempts = failed.Attempt, Reason = failed.Reason }, null));
                progress.AttemptFailed();
                break;
            case ClipQuarantined quarantined:
                pending.Enqueue(new Pending(new LedgerRecord
                {
                    Event = LedgerEvent.Quarantined, Shard = shard, Item = quarantined.Clip.ItemId, Source = quarantined.Source.Key, Clip = quarantined.Clip.Window.Index,
                    Start = quarantined.Clip.Window.Start, Frames = quarantined.Clip.Window.Frames, Attempts = quarantined.Attempts, Reason = quarantined.Reason,
                }, null));
                CountQuarantine();
                break;
            case SourceQuarantined quarantined:
                pending.Enqueue(new Pending(new LedgerRecord { Event = LedgerEvent.Quarantined, Shard = shard, Source = quarantined.Source.Key, Attempts = quarantined.Attempts, Reason = quarantined.Reason }, null));
                CountQuarantine();
                progress.SourceFinished();
                break;
            case SourceCompleted completed when completed.SkippedByLedger:
                progress.SourceFinished();
                break;
            case SourceCompleted completed:
                pending.Enqueue(new Pending(new LedgerRecord
                {
                    Event = LedgerEvent.SourceDone, Shard = shard, Source = completed.Source.Key, Sha256 = completed.Facts?.Sha256, SourceBytes = completed.Facts?.Bytes,
                    SourceModifiedTicks = completed.Facts?.ModifiedTicks, Items = completed.ItemIds, Warnings = completed.Warnings.Count > 0 ? completed.Warnings : null,
                }, null));
                progress.SourceFinished();
                break;
            default:
                throw new InvalidOperationException($"the store stage got an unexpected {message.GetType().Name}");
        }
    }

    private void CountQuarantine()
    {
        progress.QuarantinedOne();
        if (++consecutiveQuarantines >= run.Options.MaxConsecutiveQuarantines)
        {
            throw new SystemicFaultException($"{consecutiveQuarantines} quarantines in a row without one success: this looks like a fault of the run (device, weights, tools), not of the inputs");
        }
    }

    private string? RecoveredOutput(string itemId) =>
        run.Options.Format == OutputFormat.Safetensors ? run.Layout.Relative(run.Layout.LatentFile(itemId)) : run.PriorState.Done.GetValueOrDefault(itemId)?.Output;

    private long? RecoveredBytes(string itemId) =>
        run.Options.Format == OutputFormat.Safetensors ? new FileInfo(run.Layout.LatentFile(itemId)).Length : run.PriorState.Done.GetValueOrDefault(itemId)?.Bytes;

    private async Task MarkDurableAsync(IReadOnlyList<StoredItem> stored, CancellationToken cancellationToken)
    {
        foreach (var item in stored)
        {
            if (awaitingDurability.Remove(item.ItemId, out var entry))
            {
                entry.Record = entry.Record with { Output = item.RelativeOutput, Bytes = item.Bytes };
                entry.WaitingFor = null;
            }
        }

        await ReleaseAsync(cancellationToken);
    }

    private async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        var ready = new List<LedgerRecord>();
        while (pending.TryPeek(out var head) && head.WaitingFor is null)
        {
            ready.Add(pending.Dequeue().Record);
        }

        if (ready.Count > 0)
        {
            try
            {
                await ledger.AppendAsync(ready, cancellationToken);
            }
            catch (IOException ex)
            {
                throw new SystemicFaultException($"cannot write the ledger {ledger.Path}: {ex.Message}", ex);
            }
        }
    }

    private async Task<IReadOnlyList<StoredItem>> StoreCall(Func<Task<IReadOnlyList<StoredItem>>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Storage failing is not the item's fault; stopping keeps the shard resumable.
            logger.LogError(ex, "storing latents failed");
            throw new SystemicFaultException($"storing latents failed: {ex.Message}", ex);
        }
    }

    private sealed class Pending(LedgerRecord record, string? waitingFor)
    {
        public LedgerRecord Record { get; set; } = record;

        public string? WaitingFor { get; set; } = waitingFor;
    }
}
