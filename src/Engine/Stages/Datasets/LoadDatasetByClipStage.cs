using VideoPipe.Abstractions;

namespace VideoPipe.Engine.Stages;

/// <summary>load-dataset with <c>per: clip</c>: every latent file is an item of its own, as it was stored.</summary>
internal sealed class LoadDatasetByClipStage(IReadOnlyList<LatentEntry> entries) : ICountedSource
{
    public int? TotalItems => entries.Count;

    public async ValueTask ProcessAsync(StageMessage message, IStageEmitter output, CancellationToken cancellationToken)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var metadata = entries[i].Metadata;
            var item = new WorkItem
            {
                Id = metadata.ItemId,
                SourcePath = metadata.SourcePath,
                StartSeconds = metadata.StartSeconds,
                EndSeconds = metadata.EndSeconds,
                Index = i,
                Attributes = metadata.Attributes,
            };
            await LatentEmission.EmitAsync(item, LatentEntryLoader.LoadTiles(entries[i]), 0, true, output, cancellationToken);
        }
    }
}
