namespace VideoPipe.Torch.Checkpoints;

/// <summary>
/// A tensor as a pickled checkpoint describes it (a strided view into a storage record) before any data is read.
/// Only the tensors that are actually wanted get materialised.
/// </summary>
public sealed class TensorDescriptor
{
    internal TensorDescriptor(StorageReference storage, long storageOffset, long[] shape, long[] strides, bool isParameter)
    {
        Storage = storage;
        StorageOffset = storageOffset;
        Shape = shape;
        Strides = strides;
        IsParameter = isParameter;
    }

    internal StorageReference Storage { get; }

    public DType DType => Storage.DType;

    /// <summary>Archive record (under <c>data/</c>) that holds the storage.</summary>
    public string StorageKey => Storage.Key;

    public long StorageOffset { get; }

    public IReadOnlyList<long> Shape { get; }

    public IReadOnlyList<long> Strides { get; }

    /// <summary>Pickled as an <c>nn.Parameter</c> rather than a plain tensor.</summary>
    public bool IsParameter { get; }

    public long ElementCount => Shape.Aggregate(1L, (product, size) => product * size);

    public long ByteCount => ElementCount * DType.ElementSize();

    /// <summary>True when the view reads its storage from the start in row-major order with nothing left over.</summary>
    internal bool CoversWholeStorageContiguously
    {
        get
        {
            if (StorageOffset != 0 || ElementCount != Storage.ElementCount)
            {
                return false;
            }

            long expected = 1;
            for (var dim = Shape.Count - 1; dim >= 0; dim--)
            {
                if (Shape[dim] != 1 && Strides[dim] != expected)
                {
                    return false;
                }

                expected *= Shape[dim];
            }

            return true;
        }
    }

    internal TensorDescriptor AsParameter() => new(Storage, StorageOffset, (long[])Shape, (long[])Strides, isParameter: true);

    public override string ToString() => $"{DType.TorchName()}[{string.Join(", ", Shape)}]";
}
