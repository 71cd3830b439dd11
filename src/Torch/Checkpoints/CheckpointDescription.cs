namespace VideoPipe.Torch.Checkpoints;

/// <summary>One tensor of a checkpoint as listed without reading its data.</summary>
public sealed record TensorSummary(string Name, DType DType, IReadOnlyList<long> Shape)
{
    public long ElementCount => Shape.Aggregate(1L, (product, size) => product * size);

    public long ByteCount => ElementCount * DType.ElementSize();
}

/// <summary>What a checkpoint holds: its state dict's tensors, what was skipped, metadata and the top-level entries.</summary>
public sealed record CheckpointDescription(
    string FilePath,
    CheckpointFormat Format,
    string? SelectedKey,
    IReadOnlyList<TensorSummary> Tensors,
    IReadOnlyList<string> SkippedKeys,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<KeyValuePair<string, string>> TopLevelEntries)
{
    public long ElementCount => Tensors.Sum(t => t.ElementCount);

    public long ByteCount => Tensors.Sum(t => t.ByteCount);
}
