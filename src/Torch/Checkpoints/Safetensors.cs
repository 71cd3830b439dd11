namespace VideoPipe.Torch.Checkpoints;

/// <summary>Reads and writes whole safetensors files.</summary>
public static class Safetensors
{
    /// <summary>Loads every tensor of <paramref name="path"/> into new CPU tensors.</summary>
    public static Dictionary<string, Tensor> Load(string path)
    {
        using var file = SafetensorsFile.Open(path);
        return file.LoadAll();
    }

    /// <summary>
    /// Writes <paramref name="tensors"/> (any device, any layout) byte-compatibly with the reference implementation,
    /// through a temporary file in the same directory that is flushed to disk and then renamed over
    /// <paramref name="path"/>, so readers never see a half-written file.
    /// </summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                SafetensorsWriter.Write(stream, tensors, metadata);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }

            throw;
        }
    }
}
