namespace VideoPipe.Torch.Checkpoints;

/// <summary>A storage named by a pickle persistent id: the archive record <c>data/&lt;Key&gt;</c> of <see cref="ElementCount"/> elements.</summary>
internal sealed record StorageReference(string Key, DType DType, long ElementCount)
{
    public long ByteCount => ElementCount * DType.ElementSize();
}
