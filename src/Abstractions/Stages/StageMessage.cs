namespace VideoPipe.Abstractions;

/// <summary>
/// One unit on a pipeline edge: a payload (owned by the host once emitted) that belongs to a work item.
/// <see cref="EndOfItem"/> marks the item's last message on this edge.
/// </summary>
public sealed record StageMessage(WorkItem Item, object Payload, bool EndOfItem)
{
    /// <summary>Position of this message among the item's messages on this edge.</summary>
    public int Sequence { get; init; }
}

/// <summary>The single payload a source stage receives.</summary>
public sealed record PipelineStart
{
    public static readonly PipelineStart Instance = new();

    public static readonly WorkItem Item = new() { Id = "(start)", SourcePath = "" };
}
