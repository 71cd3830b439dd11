namespace VideoPipe.Torch.Checkpoints;

/// <summary>Materialises a strided view of a storage (any offset, any non-negative strides) into contiguous memory.</summary>
internal static unsafe class StridedViewCopy
{
    /// <summary>
    /// Copies the elements of the view <paramref name="shape"/>/<paramref name="strides"/> starting at element
    /// <paramref name="storageOffset"/> of <paramref name="source"/> into <paramref name="destination"/> in row-major order.
    /// The caller has checked that the view lies inside the storage.
    /// </summary>
    public static void Copy(byte* source, byte* destination, int elementSize, long storageOffset, IReadOnlyList<long> shape, IReadOnlyList<long> strides)
    {
        var count = shape.Aggregate(1L, (product, size) => product * size);
        if (count == 0)
        {
            return;
        }

        if (shape.Count == 0)
        {
            Buffer.MemoryCopy(source + storageOffset * elementSize, destination, elementSize, elementSize);
            return;
        }

        var innermost = shape.Count - 1;
        var innerLength = shape[innermost];
        var innerContiguous = strides[innermost] == 1;
        var index = new long[shape.Count];
        var written = destination;
        for (long row = 0; row < count / innerLength; row++)
        {
            var start = storageOffset;
            for (var dim = 0; dim < innermost; dim++)
            {
                start += index[dim] * strides[dim];
            }

            if (innerContiguous)
            {
                var bytes = innerLength * elementSize;
                Buffer.MemoryCopy(source + start * elementSize, written, bytes, bytes);
                written += bytes;
            }
            else
            {
                for (long i = 0; i < innerLength; i++)
                {
                    Buffer.MemoryCopy(source + (start + i * strides[innermost]) * elementSize, written, elementSize, elementSize);
                    written += elementSize;
                }
            }

            for (var dim = innermost - 1; dim >= 0; dim--)
            {
                if (++index[dim] < shape[dim])
                {
                    break;
                }

                index[dim] = 0;
            }
        }
    }
}
