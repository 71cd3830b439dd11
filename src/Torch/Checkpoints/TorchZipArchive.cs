using System.IO.Compression;

namespace VideoPipe.Torch.Checkpoints;

/// <summary>
/// The zip container <c>torch.save</c> writes (since PyTorch 1.6): <c>&lt;top&gt;/data.pkl</c> plus one record
/// <c>&lt;top&gt;/data/&lt;key&gt;</c> per storage. The file is read through a stream; storages are copied straight
/// from the archive into tensor memory one at a time, never buffered whole.
/// </summary>
internal sealed class TorchZipArchive : IDisposable
{
    private const int MaxPickleBytes = int.MaxValue - 64;
    private const int CopyChunkBytes = 1 << 24;

    private readonly ZipArchive archive;
    private readonly string prefix;

    private TorchZipArchive(string path, ZipArchive archive, string prefix)
    {
        FilePath = path;
        this.archive = archive;
        this.prefix = prefix;
    }

    public string FilePath { get; }

    public static TorchZipArchive Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess);
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (InvalidDataException ex)
        {
            stream.Dispose();
            throw new CheckpointFormatException(path, $"not a readable zip archive ({ex.Message})", ex);
        }

        try
        {
            var pickles = archive.Entries
                .Where(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal) && e.FullName.IndexOf('/') == e.FullName.Length - "/data.pkl".Length)
                .ToList();
            if (pickles.Count != 1)
            {
                var problem = pickles.Count == 0
                    ? "zip archive has no <folder>/data.pkl record (not a torch.save checkpoint; TorchScript archives are not supported)"
                    : "zip archive holds more than one <folder>/data.pkl record";
                throw new CheckpointFormatException(path, problem);
            }

            var prefix = pickles[0].FullName[..^"data.pkl".Length];
            CheckByteOrder(path, archive, prefix);
            return new TorchZipArchive(path, archive, prefix);
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    /// <summary>The pickle program describing the checkpoint's object tree.</summary>
    public byte[] ReadPickle()
    {
        var entry = archive.GetEntry(prefix + "data.pkl")!;
        if (entry.Length > MaxPickleBytes)
        {
            throw new CheckpointFormatException(FilePath, $"data.pkl is {entry.Length} bytes, too large");
        }

        var bytes = new byte[entry.Length];
        using var stream = Open(entry);
        ReadExactly(stream, bytes, entry.FullName);
        return bytes;
    }

    /// <summary>Reads storage record <c>data/&lt;key&gt;</c> into a new one-dimensional CPU tensor.</summary>
    public unsafe Tensor ReadStorage(StorageReference storage)
    {
        var name = prefix + "data/" + storage.Key;
        var entry = archive.GetEntry(name)
            ?? throw new CheckpointFormatException(FilePath, $"storage record '{name}' is missing");
        if (entry.Length < storage.ByteCount)
        {
            throw new CheckpointFormatException(FilePath, $"storage record '{name}' holds {entry.Length} bytes but {storage.ElementCount} {storage.DType.TorchName()} elements need {storage.ByteCount} (truncated?)");
        }

        var tensor = Tensor.Empty([storage.ElementCount], storage.DType);
        try
        {
            if (storage.ByteCount > 0)
            {
                using var stream = Open(entry);
                var destination = (byte*)tensor.DataPointer;
                for (long done = 0; done < storage.ByteCount; done += CopyChunkBytes)
                {
                    var chunk = (int)Math.Min(CopyChunkBytes, storage.ByteCount - done);
                    ReadExactly(stream, new Span<byte>(destination + done, chunk), name);
                }
            }

            return tensor;
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
    }

    public void Dispose() => archive.Dispose();

    private static void CheckByteOrder(string path, ZipArchive archive, string prefix)
    {
        var entry = archive.GetEntry(prefix + "byteorder");
        if (entry is null)
        {
            return;
        }

        using var reader = new StreamReader(entry.Open());
        var order = reader.ReadToEnd().Trim();
        if (order != "little")
        {
            throw new CheckpointFormatException(path, $"storages are stored in '{order}' byte order; only little-endian checkpoints are supported");
        }
    }

    private Stream Open(ZipArchiveEntry entry)
    {
        try
        {
            return entry.Open();
        }
        catch (InvalidDataException ex)
        {
            throw new CheckpointFormatException(FilePath, $"zip record '{entry.FullName}' is unreadable ({ex.Message})", ex);
        }
    }

    private void ReadExactly(Stream stream, Span<byte> destination, string name)
    {
        try
        {
            stream.ReadExactly(destination);
        }
        catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException)
        {
            throw new CheckpointFormatException(FilePath, $"zip record '{name}' ends early or is corrupt ({ex.Message})", ex);
        }
    }
}
