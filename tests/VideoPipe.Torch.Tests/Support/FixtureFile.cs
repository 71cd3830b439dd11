using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using VideoPipe.Torch;

namespace VideoPipe.Torch.Tests.Support;

/// <summary>
/// Reads one op-group fixture written by Ops/Fixtures/make_fixtures.py: an 8-byte little-endian header
/// length, a JSON header (tensors with dtype/shape/offset/nbytes, cases with their parameters), raw data.
/// </summary>
public sealed class FixtureFile
{
    private readonly byte[] data;
    private readonly int dataStart;
    private readonly JsonElement tensors;
    private readonly JsonElement cases;

    private FixtureFile(byte[] data, int dataStart, JsonElement tensors, JsonElement cases)
    {
        this.data = data;
        this.dataStart = dataStart;
        this.tensors = tensors;
        this.cases = cases;
    }

    public static FixtureFile Load(string group)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Ops", "Fixtures", group + ".bin");
        var bytes = File.ReadAllBytes(path);
        var headerLength = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(bytes));
        using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, headerLength));
        var root = doc.RootElement.Clone();
        return new FixtureFile(bytes, 8 + headerLength, root.GetProperty("tensors"), root.GetProperty("cases"));
    }

    public IEnumerable<string> CaseNames => cases.EnumerateObject().Select(p => p.Name);

    public JsonElement Case(string name) => cases.GetProperty(name);

    /// <summary>A new CPU tensor holding the fixture tensor <paramref name="name"/> (caller disposes).</summary>
    public Tensor Tensor(string name)
    {
        var info = tensors.GetProperty(name);
        var dtype = DTypeExtensions.ParseDType(info.GetProperty("dtype").GetString()!);
        var shape = info.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var offset = info.GetProperty("offset").GetInt32();
        var count = info.GetProperty("nbytes").GetInt32();
        return VideoPipe.Torch.Tensor.FromBytes(data.AsSpan(dataStart + offset, count), dtype, shape);
    }

    public static long[] Longs(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt64()).ToArray();

    public static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
