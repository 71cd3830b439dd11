using System.Buffers.Binary;

namespace VideoPipe.Torch.Checkpoints;

public enum CheckpointFormat
{
    Safetensors,

    /// <summary>The zip archive written by <c>torch.save</c> since PyTorch 1.6.</summary>
    TorchZip,
}

/// <summary>Tells checkpoint formats apart by their first bytes, whatever the file is called.</summary>
public static class CheckpointFormatDetector
{
    public static CheckpointFormat Detect(string path)
    {
        Span<byte> head = stackalloc byte[9];
        int read;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1))
        {
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        if (read >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] is 3 or 5 && head[3] is 4 or 6)
        {
            return CheckpointFormat.TorchZip;
        }

        if (read >= 9 && head[8] == (byte)'{' && BinaryPrimitives.ReadUInt64LittleEndian(head) > 0)
        {
            return CheckpointFormat.Safetensors;
        }

        if (read >= 2 && head[0] == 0x80 && head[1] <= 5)
        {
            throw new CheckpointFormatException(path, "raw pickle stream: the legacy (pre-1.6) torch.save format is not supported; re-save it with a current PyTorch");
        }

        if (read < 8)
        {
            throw new CheckpointFormatException(path, $"file holds {read} bytes, too few for any checkpoint format");
        }

        throw new CheckpointFormatException(path, "neither a safetensors file nor a PyTorch zip checkpoint");
    }
}
