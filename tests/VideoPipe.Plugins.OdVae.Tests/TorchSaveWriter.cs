using System.IO.Compression;
using System.Text;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae.Tests;

/// <summary>
/// Writes nested dictionaries of float32 tensors in the zip layout torch.save uses (archive/data.pkl with pickle
/// protocol 2, one archive/data/&lt;key&gt; record per storage), so loader tests need no Python. Values are tensors,
/// nested dictionaries or ints.
/// </summary>
internal static class TorchSaveWriter
{
    public static void Write(string path, IReadOnlyDictionary<string, object> root)
    {
        var storages = new List<byte[]>();
        using var pickle = new MemoryStream();
        pickle.Write([0x80, 0x02]);
        WriteDict(pickle, root, storages);
        pickle.WriteByte((byte)'.');

        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        Add(zip, "archive/data.pkl", pickle.ToArray());
        for (var i = 0; i < storages.Count; i++)
        {
            Add(zip, $"archive/data/{i}", storages[i]);
        }

        Add(zip, "archive/byteorder", Encoding.ASCII.GetBytes("little"));
        Add(zip, "archive/version", Encoding.ASCII.GetBytes("3\n"));
    }

    private static void Add(ZipArchive zip, string name, byte[] bytes)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
        stream.Write(bytes);
    }

    private static void WriteDict(Stream s, IReadOnlyDictionary<string, object> dict, List<byte[]> storages)
    {
        s.WriteByte((byte)'}');
        if (dict.Count == 0)
        {
            return;
        }

        s.WriteByte((byte)'(');
        foreach (var (key, value) in dict)
        {
            WriteString(s, key);
            switch (value)
            {
                case Tensor t:
                    WriteTensor(s, t, storages);
                    break;
                case IReadOnlyDictionary<string, object> nested:
                    WriteDict(s, nested, storages);
                    break;
                case int n:
                    WriteInt(s, n);
                    break;
                default:
                    throw new ArgumentException($"cannot pickle {value.GetType().Name}");
            }
        }

        s.WriteByte((byte)'u');
    }

    private static void WriteTensor(Stream s, Tensor t, List<byte[]> storages)
    {
        if (t.DType != DType.Float32)
        {
            throw new ArgumentException("only float32 tensors are written");
        }

        var key = storages.Count;
        using var contiguous = t.Contiguous();
        storages.Add(contiguous.ToBytes());
        WriteGlobal(s, "torch._utils", "_rebuild_tensor_v2");
        s.WriteByte((byte)'(');
        s.WriteByte((byte)'(');
        WriteString(s, "storage");
        WriteGlobal(s, "torch", "FloatStorage");
        WriteString(s, key.ToString(System.Globalization.CultureInfo.InvariantCulture));
        WriteString(s, "cpu");
        WriteInt(s, checked((int)t.Numel));
        s.WriteByte((byte)'t');
        s.WriteByte((byte)'Q');
        WriteInt(s, 0);
        WriteIntTuple(s, t.Shape);
        WriteIntTuple(s, ContiguousStrides(t.Shape));
        s.WriteByte(0x89);
        WriteGlobal(s, "collections", "OrderedDict");
        s.WriteByte((byte)')');
        s.WriteByte((byte)'R');
        s.WriteByte((byte)'t');
        s.WriteByte((byte)'R');
    }

    private static long[] ContiguousStrides(long[] shape)
    {
        var strides = new long[shape.Length];
        long step = 1;
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = step;
            step *= shape[i];
        }

        return strides;
    }

    private static void WriteIntTuple(Stream s, long[] values)
    {
        s.WriteByte((byte)'(');
        foreach (var v in values)
        {
            WriteInt(s, checked((int)v));
        }

        s.WriteByte((byte)'t');
    }

    private static void WriteGlobal(Stream s, string module, string name)
    {
        s.WriteByte((byte)'c');
        s.Write(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));
    }

    private static void WriteString(Stream s, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        s.WriteByte((byte)'X');
        s.Write(BitConverter.GetBytes(bytes.Length));
        s.Write(bytes);
    }

    private static void WriteInt(Stream s, int value)
    {
        s.WriteByte((byte)'J');
        s.Write(BitConverter.GetBytes(value));
    }
}
