using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;

namespace VideoPipe.Torch.Checkpoints;

/// <summary>
/// A safetensors file opened through a read-only memory map: the header is parsed and validated on
/// <see cref="Open"/>, tensor data is copied out only when <see cref="Load"/> asks for it.
/// </summary>
public sealed unsafe class SafetensorsFile : IDisposable
{
    private readonly string path;
    private readonly MemoryMappedFile map;
    private readonly MemoryMappedViewAccessor view;
    private readonly byte* basePointer;
    private readonly long dataStart;
    private readonly Dictionary<string, TensorInfo> byName;
    private bool disposed;

    private SafetensorsFile(string path, MemoryMappedFile map, MemoryMappedViewAccessor view, byte* basePointer, long fileLength)
    {
        this.path = path;
        this.map = map;
        this.view = view;
        this.basePointer = basePointer;

        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(new ReadOnlySpan<byte>(basePointer, 8));
        if (headerLength > SafetensorsHeader.MaxHeaderLength)
        {
            throw new CheckpointFormatException(path, $"header length {headerLength} exceeds the {SafetensorsHeader.MaxHeaderLength}-byte limit (not a safetensors file?)");
        }

        if ((long)headerLength > fileLength - 8)
        {
            throw new CheckpointFormatException(path, $"header length {headerLength} runs past the end of the {fileLength}-byte file (truncated?)");
        }

        dataStart = 8 + (long)headerLength;
        var header = SafetensorsHeader.Parse(path, new ReadOnlySpan<byte>(basePointer + 8, (int)headerLength), fileLength - dataStart);
        Entries = header.Entries;
        Metadata = header.Metadata;
        byName = Entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
    }

    /// <summary>Tensor entries in header order.</summary>
    public IReadOnlyList<TensorInfo> Entries { get; }

    /// <summary>The header's <c>__metadata__</c> strings (empty when absent).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    public string FilePath => path;

    /// <summary>Memory-maps <paramref name="path"/> and validates its header.</summary>
    public static SafetensorsFile Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.RandomAccess);
        MemoryMappedFile? map = null;
        MemoryMappedViewAccessor? view = null;
        var acquired = false;
        try
        {
            var length = stream.Length;
            if (length < 8)
            {
                throw new CheckpointFormatException(path, $"file holds {length} bytes, too few for the 8-byte header length");
            }

            map = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            byte* pointer = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            acquired = true;
            return new SafetensorsFile(path, map, view, pointer + view.PointerOffset, length);
        }
        catch
        {
            if (acquired)
            {
                view!.SafeMemoryMappedViewHandle.ReleasePointer();
            }

            view?.Dispose();
            map?.Dispose();
            stream.Dispose();
            throw;
        }
    }

    public bool Contains(string name) => byName.ContainsKey(name);

    public TensorInfo Info(string name) =>
        byName.TryGetValue(name, out var info) ? info : throw new KeyNotFoundException($"{path}: no tensor named '{name}'");

    /// <summary>Copies tensor <paramref name="name"/> into a new CPU tensor.</summary>
    public Tensor Load(string name)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var info = Info(name);
        var tensor = Tensor.Empty(info.Shape.ToArray(), info.DType);
        if (info.ByteCount > 0)
        {
            Buffer.MemoryCopy(basePointer + dataStart + info.DataStart, (void*)tensor.DataPointer, info.ByteCount, info.ByteCount);
        }

        return tensor;
    }

    /// <summary>Copies every tensor into new CPU tensors, keyed by name.</summary>
    public Dictionary<string, Tensor> LoadAll()
    {
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var entry in Entries)
            {
                result[entry.Name] = Load(entry.Name);
            }
        }
        catch
        {
            foreach (var tensor in result.Values)
            {
                tensor.Dispose();
            }

            throw;
        }

        return result;
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        view.SafeMemoryMappedViewHandle.ReleasePointer();
        view.Dispose();
        map.Dispose();
    }
}
