namespace VideoPipe.Precompute;

/// <summary>An item whose latent is durable, and where.</summary>
public sealed record StoredItem(string ItemId, string RelativeOutput, long Bytes);

/// <summary>
/// Where latents go. <see cref="AddAsync"/> returns the items that became durable with that call (a per-file store:
/// the one added; an archive store: those of an archive it just closed, if any).
/// </summary>
public interface ILatentStore : IAsyncDisposable
{
    /// <summary>Removes what an earlier, killed run of this shard left half-written.</summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>True when the item's output exists and is complete and valid.</summary>
    bool IsComplete(string itemId);

    Task<IReadOnlyList<StoredItem>> AddAsync(ClipEncoded clip, CancellationToken cancellationToken);

    /// <summary>Makes everything added durable (closes an open archive).</summary>
    Task<IReadOnlyList<StoredItem>> FlushAsync(CancellationToken cancellationToken);
}
