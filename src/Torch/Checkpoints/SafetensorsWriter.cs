using System.Buffers.Binary;

namespace VideoPipe.Torch.Checkpoints;

/// <summary>Serialises tensors into the safetensors layout on any writable stream.</summary>
internal static class SafetensorsWriter
{
    private const int CopyChunkBytes = 1 << 24;

    public static void Write(Stream stream, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        // The reference implementation orders by dtype alignment (largest first), then by name.
        var ordered = tensors
            .OrderByDescending(pair => SafetensorsDTypes.AlignmentRank(pair.Value.DType))
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .ToList();

        var entries = new List<TensorInfo>(ordered.Count);
        long offset = 0;
        foreach (var (name, tensor) in ordered)
        {
            var bytes = tensor.ByteCount;
            entries.Add(new TensorInfo(name, tensor.DType, tensor.Shape, offset, offset + bytes));
            offset += bytes;
        }

        var header = SafetensorsHeaderWriter.Write(entries, metadata);
        Span<byte> lengthPrefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(lengthPrefix, (ulong)header.Length);
        stream.Write(lengthPrefix);
        stream.Write(header);
        foreach (var (_, tensor) in ordered)
        {
            WriteData(stream, tensor);
        }
    }

    private static unsafe void WriteData(Stream stream, Tensor tensor)
    {
        if (tensor.ByteCount == 0)
        {
            return;
        }

        using var onCpu = tensor.To(Device.Cpu);
        using var contiguous = onCpu.Contiguous();
        var pointer = (byte*)contiguous.DataPointer;
        for (long done = 0; done < contiguous.ByteCount; done += CopyChunkBytes)
        {
            var chunk = (int)Math.Min(CopyChunkBytes, contiguous.ByteCount - done);
            stream.Write(new ReadOnlySpan<byte>(pointer + done, chunk));
        }
    }
}
