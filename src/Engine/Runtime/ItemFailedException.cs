namespace VideoPipe.Engine;

/// <summary>Thrown from a stage's flush when the failure belongs to one item (so quarantine can take just that item).</summary>
public sealed class ItemFailedException(string itemId, string message, Exception? inner = null) : Exception(message, inner)
{
    public string ItemId { get; } = itemId;
}
