using System.Text;
using System.Text.Json;

namespace VideoPipe.Torch.Checkpoints;

/// <summary>
/// The parsed and validated JSON header of a safetensors file. Validation follows the reference implementation:
/// every entry has a known dtype, a shape whose byte size equals its offset range, and the ranges tile the data
/// section exactly (no gaps, no overlaps, nothing past the end).
/// </summary>
internal sealed class SafetensorsHeader
{
    /// <summary>The reference implementation refuses headers above 100 MB; so do we.</summary>
    public const long MaxHeaderLength = 100_000_000;

    private const string MetadataKey = "__metadata__";

    private SafetensorsHeader(IReadOnlyList<TensorInfo> entries, IReadOnlyDictionary<string, string> metadata)
    {
        Entries = entries;
        Metadata = metadata;
    }

    public IReadOnlyList<TensorInfo> Entries { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    public static SafetensorsHeader Parse(string path, ReadOnlySpan<byte> json, long dataLength)
    {
        JsonDocument document;
        try
        {
            var text = new UTF8Encoding(false, true).GetString(json);
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (Exception ex) when (ex is JsonException or DecoderFallbackException)
        {
            throw new CheckpointFormatException(path, $"header is not valid UTF-8 JSON ({ex.Message})", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CheckpointFormatException(path, "header JSON is not an object");
            }

            var entries = new List<TensorInfo>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    throw new CheckpointFormatException(path, $"header names '{property.Name}' twice");
                }

                if (property.Name == MetadataKey)
                {
                    ReadMetadata(path, property.Value, metadata);
                }
                else
                {
                    entries.Add(ReadEntry(path, property.Name, property.Value));
                }
            }

            CheckOffsetsTileData(path, entries, dataLength);
            return new SafetensorsHeader(entries, metadata);
        }
    }

    private static void ReadMetadata(string path, JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new CheckpointFormatException(path, "__metadata__ is not an object of strings");
        }

        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw new CheckpointFormatException(path, $"__metadata__ value '{item.Name}' is not a string");
            }

            metadata[item.Name] = item.Value.GetString()!;
        }
    }

    private static TensorInfo ReadEntry(string path, string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new CheckpointFormatException(path, $"tensor '{name}' is not described by an object");
        }

        if (!value.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
        {
            throw new CheckpointFormatException(path, $"tensor '{name}' has no dtype");
        }

        var code = dtypeElement.GetString()!;
        if (!SafetensorsDTypes.TryParse(code, out var dtype))
        {
            throw new CheckpointFormatException(path, $"tensor '{name}' has unknown or unsupported dtype '{code}'");
        }

        var shape = ReadNonNegativeIntegers(path, name, value, "shape", expectedCount: null);
        var offsets = ReadNonNegativeIntegers(path, name, value, "data_offsets", expectedCount: 2);
        if (offsets[1] < offsets[0])
        {
            throw new CheckpointFormatException(path, $"tensor '{name}' has data_offsets [{offsets[0]}, {offsets[1]}] that end before they begin");
        }

        var info = new TensorInfo(name, dtype, shape, offsets[0], offsets[1]);
        long expectedBytes;
        try
        {
            expectedBytes = checked(shape.Aggregate(1L, (product, size) => checked(product * size)) * dtype.ElementSize());
        }
        catch (OverflowException)
        {
            throw new CheckpointFormatException(path, $"tensor '{name}' has a shape [{string.Join(", ", shape)}] too large to address");
        }

        if (expectedBytes != info.ByteCount)
        {
            throw new CheckpointFormatException(
                path,
                $"tensor '{name}' ({code} [{string.Join(", ", shape)}]) needs {expectedBytes} bytes but its data_offsets span {info.ByteCount}");
        }

        return info;
    }

    private static long[] ReadNonNegativeIntegers(string path, string name, JsonElement entry, string field, int? expectedCount)
    {
        if (!entry.TryGetProperty(field, out var array) || array.ValueKind != JsonValueKind.Array
            || (expectedCount is { } count && array.GetArrayLength() != count))
        {
            var what = expectedCount is { } n ? $"an array of {n} integers" : "an array of integers";
            throw new CheckpointFormatException(path, $"tensor '{name}' field '{field}' is missing or not {what}");
        }

        var values = new long[array.GetArrayLength()];
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var value) || value < 0)
            {
                throw new CheckpointFormatException(path, $"tensor '{name}' field '{field}' holds '{item.GetRawText()}', not a non-negative integer");
            }

            values[index++] = value;
        }

        return values;
    }

    private static void CheckOffsetsTileData(string path, List<TensorInfo> entries, long dataLength)
    {
        long expectedStart = 0;
        foreach (var entry in entries.OrderBy(e => e.DataStart).ThenBy(e => e.DataEnd))
        {
            if (entry.DataStart != expectedStart)
            {
                var problem = entry.DataStart < expectedStart ? "overlaps the previous tensor" : "leaves a gap after the previous tensor";
                throw new CheckpointFormatException(
                    path,
                    $"tensor '{entry.Name}' data_offsets [{entry.DataStart}, {entry.DataEnd}] {problem} (expected start {expectedStart})");
            }

            if (entry.DataEnd > dataLength)
            {
                throw new CheckpointFormatException(
                    path,
                    $"tensor '{entry.Name}' data_offsets [{entry.DataStart}, {entry.DataEnd}] run past the end of the data section ({dataLength} bytes; file truncated?)");
            }

            expectedStart = entry.DataEnd;
        }

        if (expectedStart != dataLength)
        {
            throw new CheckpointFormatException(path, $"data section holds {dataLength} bytes but the tensors account for {expectedStart}");
        }
    }
}
