using System.IO.Compression;
using System.Text;

namespace VideoPipe.Torch.Tests.Checkpoints;

/// <summary>Writes torch.save-shaped zip archives around hand-assembled pickle programs, for malformed and hostile inputs.</summary>
internal static class HandWrittenTorchZip
{
    public static void Write(string path, byte[] pickle, IReadOnlyDictionary<string, byte[]>? storages = null, string folder = "archive")
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        WriteEntry(zip, folder + "/data.pkl", pickle);
        foreach (var (key, bytes) in storages ?? new Dictionary<string, byte[]>())
        {
            WriteEntry(zip, folder + "/data/" + key, bytes);
        }

        WriteEntry(zip, folder + "/version", Encoding.ASCII.GetBytes("3\n"));
    }

    /// <summary>PROTO 2, then <paramref name="body"/>, then STOP.</summary>
    public static byte[] Program(params byte[][] body) => [0x80, 2, .. body.SelectMany(b => b), (byte)'.'];

    public static byte[] Global(string module, string name) => [(byte)'c', .. Encoding.UTF8.GetBytes(module + "\n" + name + "\n")];

    public static byte[] Unicode(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return [(byte)'X', .. BitConverter.GetBytes(bytes.Length), .. bytes];
    }

    public static byte[] SmallInt(byte value) => [(byte)'K', value];

    public static byte[] Op(char opcode) => [(byte)opcode];

    /// <summary>_rebuild_tensor_v2 of a float storage "0" with <paramref name="storageElements"/> elements, as a 1-D view.</summary>
    public static byte[] FloatTensor(byte storageElements, byte offset, byte size, byte stride) =>
    [
        .. Global("torch._utils", "_rebuild_tensor_v2"),
        .. Op('('),
        .. Op('('), .. Unicode("storage"), .. Global("torch", "FloatStorage"), .. Unicode("0"), .. Unicode("cpu"), .. SmallInt(storageElements), .. Op('t'),
        .. Op('Q'),
        .. SmallInt(offset),
        .. SmallInt(size), 0x85,
        .. SmallInt(stride), 0x85,
        0x89,
        .. Global("collections", "OrderedDict"), .. Op(')'), .. Op('R'),
        .. Op('t'),
        .. Op('R'),
    ];

    /// <summary>A dict {"w": <paramref name="value"/>}.</summary>
    public static byte[] DictOf(byte[] value) => [.. Op('}'), .. Unicode("w"), .. value, .. Op('s')];

    private static void WriteEntry(ZipArchive zip, string name, byte[] bytes)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
        stream.Write(bytes);
    }
}
