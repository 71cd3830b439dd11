using System.Globalization;
using System.Text;
using System.Text.Json;
using VideoPipe.Engine.Stages;

namespace VideoPipe.Jobs.Training;

/// <summary>
/// metrics.jsonl: one JSON object per line ("step" plus named numbers: loss terms, lr, eval PSNR/SSIM). A resumed
/// run first drops the rows past its checkpoint, which the interrupted run wrote but the resumed one redoes.
/// </summary>
public sealed class MetricsLog(string path)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public void Append(long step, IEnumerable<KeyValuePair<string, double>> values)
    {
        var row = new Dictionary<string, object> { ["step"] = step };
        foreach (var (name, value) in values)
        {
            row[name] = double.IsFinite(value) ? value : value.ToString(CultureInfo.InvariantCulture);
        }

        File.AppendAllText(path, JsonSerializer.Serialize(row) + "\n", Utf8);
    }

    public void TruncateAfter(long step)
    {
        if (!File.Exists(path))
        {
            return;
        }

        var kept = ReadRows().Where(r => r.Step <= step).Select(r => r.Line + "\n");
        AtomicFile.WriteAllText(path, string.Concat(kept));
    }

    /// <summary>Every row as (step, numeric values, raw line).</summary>
    public IEnumerable<(long Step, Dictionary<string, double> Values, string Line)> ReadRows()
    {
        if (!File.Exists(path))
        {
            yield break;
        }

        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            if (Parse(line) is { } row)
            {
                yield return (row.Step, row.Values, line);
            }
        }
    }

    /// <summary>A row, or null for a line a killed run left half-written.</summary>
    private static (long Step, Dictionary<string, double> Values)? Parse(string line)
    {
        try
        {
            using var row = JsonDocument.Parse(line);
            var values = row.RootElement.EnumerateObject()
                .Where(p => p.Value.ValueKind == JsonValueKind.Number && p.Name != "step")
                .ToDictionary(p => p.Name, p => p.Value.GetDouble(), StringComparer.Ordinal);
            return (row.RootElement.GetProperty("step").GetInt64(), values);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException)
        {
            return null;
        }
    }
}
