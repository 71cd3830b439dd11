using System.Text.Json;

namespace VideoPipe.Jobs.Training;

/// <summary>The videos named by data.folders (searched recursively) and data.manifests, sorted and de-duplicated.</summary>
public static class VideoFileList
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".mp4", ".mkv", ".webm", ".mov", ".avi", ".m4v", ".nut", ".y4m", ".mpg", ".ts" };

    public static IReadOnlyList<string> Collect(DataOptions data)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var folder in data.Folders)
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => Extensions.Contains(Path.GetExtension(f))))
            {
                files.Add(Path.GetFullPath(file));
            }
        }

        foreach (var manifest in data.Manifests)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(manifest))!;
            foreach (var line in File.ReadLines(manifest).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
            {
                files.Add(Path.GetFullPath(ManifestPath(line, manifest), folder));
            }
        }

        return files.ToList();
    }

    /// <summary>A manifest line is a path, or a JSON object with a "path" field (precompute manifests).</summary>
    private static string ManifestPath(string line, string manifest)
    {
        if (!line.StartsWith('{'))
        {
            return line;
        }

        using var entry = JsonDocument.Parse(line);
        return entry.RootElement.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.String
            ? p.GetString()!
            : throw new InvalidDataException($"manifest {manifest}: a JSON line without a string \"path\": {line}");
    }
}
