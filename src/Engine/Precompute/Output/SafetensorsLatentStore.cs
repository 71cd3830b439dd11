using VideoPipe.Torch;
using VideoPipe.Torch.Checkpoints;
using VideoPipe.Engine;

namespace VideoPipe.Precompute;

/// <summary>
/// One safetensors file per clip at latents/&lt;fp&gt;/&lt;id[0:2]&gt;/&lt;id&gt;.safetensors. Each is written in the
/// shard's staging folder, flushed to disk, then renamed into place, so a file at its final path is complete.
/// </summary>
public sealed class SafetensorsLatentStore(DatasetLayout layout, ShardSpec shard, string fingerprint) : ILatentStore
{
    private readonly string staging = layout.StagingDirectory(shard);

    public Task PrepareAsync(CancellationToken cancellationToken)
    {
        StagingFolder.Reset(staging);
        Directory.CreateDirectory(layout.LatentsDirectory);
        return Task.CompletedTask;
    }

    public bool IsComplete(string itemId) => LatentFileCheck.IsValid(layout.LatentFile(itemId), itemId, fingerprint, out _);

    public Task<IReadOnlyList<StoredItem>> AddAsync(ClipEncoded clip, CancellationToken cancellationToken)
    {
        var id = clip.Clip.ItemId;
        var temporary = Path.Combine(staging, id + ".safetensors");
        var final = layout.LatentFile(id);
        LatentFile.Save(temporary, [clip.Latent], clip.Metadata);
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        File.Move(temporary, final, overwrite: true);
        IReadOnlyList<StoredItem> stored = [new StoredItem(id, layout.Relative(final), new FileInfo(final).Length)];
        return Task.FromResult(stored);
    }

    public Task<IReadOnlyList<StoredItem>> FlushAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<StoredItem>>([]);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
