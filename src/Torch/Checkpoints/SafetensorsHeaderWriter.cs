using System.Globalization;
using System.Text;

namespace VideoPipe.Torch.Checkpoints;

/// <summary>
/// Writes a safetensors header exactly as the reference (Rust/Python) implementation does: compact JSON,
/// <c>__metadata__</c> first (only when metadata is given, even if empty), tensors in data order, strings escaped like serde_json, padded with spaces to a
/// multiple of 8 bytes.
/// </summary>
internal static class SafetensorsHeaderWriter
{
    public static byte[] Write(IReadOnlyList<TensorInfo> entriesInDataOrder, IReadOnlyDictionary<string, string>? metadata)
    {
        var json = new StringBuilder();
        json.Append('{');
        var first = true;
        if (metadata is not null)
        {
            AppendString(json, "__metadata__");
            json.Append(":{");
            var firstItem = true;
            foreach (var (key, value) in metadata.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                if (!firstItem)
                {
                    json.Append(',');
                }

                firstItem = false;
                AppendString(json, key);
                json.Append(':');
                AppendString(json, value);
            }

            json.Append('}');
            first = false;
        }

        foreach (var entry in entriesInDataOrder)
        {
            if (!first)
            {
                json.Append(',');
            }

            first = false;
            AppendString(json, entry.Name);
            json.Append(":{\"dtype\":");
            AppendString(json, SafetensorsDTypes.Code(entry.DType));
            json.Append(",\"shape\":[");
            json.Append(string.Join(",", entry.Shape.Select(s => s.ToString(CultureInfo.InvariantCulture))));
            json.Append("],\"data_offsets\":[");
            json.Append(entry.DataStart.ToString(CultureInfo.InvariantCulture));
            json.Append(',');
            json.Append(entry.DataEnd.ToString(CultureInfo.InvariantCulture));
            json.Append("]}");
        }

        json.Append('}');
        var bytes = Encoding.UTF8.GetBytes(json.ToString());
        var padded = (bytes.Length + 7) / 8 * 8;
        var result = new byte[padded];
        bytes.CopyTo(result, 0);
        result.AsSpan(bytes.Length).Fill((byte)' ');
        return result;
    }

    /// <summary>serde_json's escaping: quote, backslash and control characters only; everything else raw UTF-8.</summary>
    private static void AppendString(StringBuilder json, string value)
    {
        json.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                default:
                    if (c < 0x20)
                    {
                        json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        json.Append(c);
                    }

                    break;
            }
        }

        json.Append('"');
    }
}
