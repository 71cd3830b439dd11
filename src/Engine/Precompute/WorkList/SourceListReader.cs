using System.Text.Json;

namespace VideoPipe.Precompute;

/// <summary>
/// Builds the ordered source list every shard agrees on: a folder scan or glob sorted by ordinal path, or a
/// manifest (JSONL with a "path" field, or CSV with a "path" column) in its own order. Relative manifest paths
/// resolve against the manifest's folder. A path listed twice is kept once (its first place).
/// </summary>
public static class SourceListReader
{
    public static readonly IReadOnlySet<string> DefaultVideoExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".mp4", ".mkv", ".webm", ".mov", ".avi", ".m4v", ".mpg", ".mpeg", ".ts", ".gif", ".y4m", ".flv", ".wmv",
    };

    public static IReadOnlyList<SourceVideo> Read(string input)
    {
        if (GlobPattern.IsGlob(input) && !File.Exists(input) && !Directory.Exists(input))
        {
            return FromGlob(GlobPattern.Parse(input));
        }

        if (Directory.Exists(input))
        {
            return FromDirectory(Path.GetFullPath(input));
        }

        if (!File.Exists(input))
        {
            throw new FileNotFoundException($"input '{input}' is neither a folder, a glob, nor a manifest file", input);
        }

        return Path.GetExtension(input).ToLowerInvariant() switch
        {
            ".jsonl" or ".ndjson" => Number(FromJsonLines(input)),
            ".csv" => Number(FromCsv(input)),
            _ => throw new FormatException($"input '{input}' is a file but not a manifest (.jsonl or .csv)"),
        };
    }

    private static IReadOnlyList<SourceVideo> FromDirectory(string root) =>
        Number(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(path => DefaultVideoExtensions.Contains(Path.GetExtension(path)))
            .Select(path => (Key: Path.GetRelativePath(root, path).Replace('\\', '/'), Full: path))
            .OrderBy(entry => entry.Key, StringComparer.Ordinal));

    private static IReadOnlyList<SourceVideo> FromGlob(GlobPattern glob)
    {
        if (!Directory.Exists(glob.BaseDirectory))
        {
            throw new DirectoryNotFoundException($"glob base folder '{glob.BaseDirectory}' does not exist");
        }

        return Number(Directory.EnumerateFiles(glob.BaseDirectory, "*", SearchOption.AllDirectories)
            .Select(path => (Key: Path.GetRelativePath(glob.BaseDirectory, path).Replace('\\', '/'), Full: path))
            .Where(entry => glob.Matches(entry.Key))
            .OrderBy(entry => entry.Key, StringComparer.Ordinal));
    }

    private static IEnumerable<(string Key, string Full)> FromJsonLines(string manifest)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(manifest))!;
        var lineNumber = 0;
        foreach (var line in File.ReadLines(manifest))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string? path;
            try
            {
                using var document = JsonDocument.Parse(line);
                path = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("path", out var value)
                    && value.ValueKind == JsonValueKind.String
                    ? value.GetString()
                    : null;
            }
            catch (JsonException ex)
            {
                throw new FormatException($"{manifest}:{lineNumber}: not a JSON object ({ex.Message})", ex);
            }

            if (string.IsNullOrWhiteSpace(path))
            {
                throw new FormatException($"{manifest}:{lineNumber}: no string field \"path\"");
            }

            yield return (path, Path.GetFullPath(path, folder));
        }
    }

    private static IEnumerable<(string Key, string Full)> FromCsv(string manifest)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(manifest))!;
        using var reader = new StreamReader(manifest);
        var header = CsvLine.Split(reader.ReadLine() ?? throw new FormatException($"{manifest}: empty CSV manifest"));
        var column = header.FindIndex(name => string.Equals(name.Trim(), "path", StringComparison.OrdinalIgnoreCase));
        if (column < 0)
        {
            throw new FormatException($"{manifest}: the CSV header has no 'path' column (columns: {string.Join(", ", header)})");
        }

        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = CsvLine.Split(line);
            if (column >= fields.Count || string.IsNullOrWhiteSpace(fields[column]))
            {
                throw new FormatException($"{manifest}:{lineNumber}: no value in the 'path' column");
            }

            var path = fields[column].Trim();
            yield return (path, Path.GetFullPath(path, folder));
        }
    }

    private static IReadOnlyList<SourceVideo> Number(IEnumerable<(string Key, string Full)> entries)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<SourceVideo>();
        foreach (var (key, full) in entries)
        {
            if (seen.Add(key))
            {
                result.Add(new SourceVideo(result.Count, key, full));
            }
        }

        return result;
    }
}
