namespace VideoPipe.Torch.Checkpoints;

/// <summary>
/// One tensor entry of a safetensors header: its element type, shape and byte range
/// [<see cref="DataStart"/>, <see cref="DataEnd"/>) relative to the start of the data section.
/// </summary>
public sealed record TensorInfo(string Name, DType DType, IReadOnlyList<long> Shape, long DataStart, long DataEnd)
{
    /// <summary>The header's <c>data_offsets</c> pair.</summary>
    public (long Start, long End) DataOffsets => (DataStart, DataEnd);

    public long ByteCount => DataEnd - DataStart;

    public long ElementCount
    {
        get
        {
            long count = 1;
            foreach (var size in Shape)
            {
                count *= size;
            }

            return count;
        }
    }
}
