using System.Globalization;
using System.Text.Json;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// Reads a manifest: JSON lines (<c>{"path":..., "start":..., "end":..., "id":...}</c>) or CSV with a header naming
/// at least <c>path</c> (and optionally start, end, id). Relative paths resolve against the manifest's folder.
/// </summary>
internal static class ManifestReader
{
    public static List<WorkListEntry> Read(string manifestPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        var lines = File.ReadAllLines(manifestPath);
        var entries = manifestPath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ReadCsv(lines, manifestPath) : ReadJsonLines(lines, manifestPath);
        return entries.Select(e => e with { Path = Path.GetFullPath(e.Path, folder), Key = e.Path }).ToList();
    }

    private static IEnumerable<WorkListEntry> ReadJsonLines(string[] lines, string manifestPath)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            JsonElement row;
            try
            {
                row = JsonDocument.Parse(lines[i]).RootElement;
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{manifestPath}:{i + 1}: not a JSON object ({e.Message})");
            }

            if (row.ValueKind != JsonValueKind.Object || !row.TryGetProperty("path", out var path) || path.ValueKind != JsonValueKind.String)
            {
                throw new InvalidDataException($"{manifestPath}:{i + 1}: each line needs a string \"path\" (optional start, end in seconds, id)");
            }

            yield return new WorkListEntry(path.GetString()!, Number(row, "start", manifestPath, i), Number(row, "end", manifestPath, i),
                row.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null);
        }
    }

    private static double? Number(JsonElement row, string name, string manifestPath, int line)
    {
        if (!row.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : throw new InvalidDataException($"{manifestPath}:{line + 1}: \"{name}\" must be a number of seconds");
    }

    private static IEnumerable<WorkListEntry> ReadCsv(string[] lines, string manifestPath)
    {
        var header = lines.Length > 0 ? Precompute.CsvLine.Split(lines[0]).Select(h => h.Trim().ToLowerInvariant()).ToList() : [];
        var pathColumn = header.IndexOf("path");
        if (pathColumn < 0)
        {
            throw new InvalidDataException($"{manifestPath}: the CSV header must name a 'path' column (optional: start, end, id)");
        }

        int startColumn = header.IndexOf("start"), endColumn = header.IndexOf("end"), idColumn = header.IndexOf("id");
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var cells = Precompute.CsvLine.Split(lines[i]);
            string? Cell(int column) => column >= 0 && column < cells.Count && cells[column].Length > 0 ? cells[column] : null;
            double? Seconds(int column)
            {
                var text = Cell(column);
                if (text is null)
                {
                    return null;
                }

                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                    ? v
                    : throw new InvalidDataException($"{manifestPath}:{i + 1}: '{text}' is not a number of seconds");
            }

            var path = Cell(pathColumn) ?? throw new InvalidDataException($"{manifestPath}:{i + 1}: empty path");
            yield return new WorkListEntry(path, Seconds(startColumn), Seconds(endColumn), Cell(idColumn));
        }
    }
}
