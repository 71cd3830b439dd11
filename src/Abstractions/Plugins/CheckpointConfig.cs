using System.Text.Json;

namespace VideoPipe.Abstractions;

/// <summary>The config.json that travels with weights: inside a weights folder, or beside a weights file.</summary>
public static class CheckpointConfig
{
    public const string FileName = "config.json";

    /// <summary>The config.json inside <paramref name="weightsPath"/> (a folder) or beside it (a file), or null.</summary>
    public static string? Find(string weightsPath)
    {
        var folder = Directory.Exists(weightsPath) ? weightsPath : Path.GetDirectoryName(Path.GetFullPath(weightsPath));
        var candidate = folder is null ? null : Path.Combine(folder, FileName);
        return candidate is not null && File.Exists(candidate) ? candidate : null;
    }

    /// <summary>The parsed config.json that travels with <paramref name="weightsPath"/>, or null when there is none.</summary>
    public static JsonElement? Read(string? weightsPath)
    {
        return weightsPath is not null && Find(weightsPath) is { } path ? ReadFile(path) : null;
    }

    /// <summary>A config.json found by <see cref="Find"/>, parsed.</summary>
    public static JsonElement ReadFile(string configFile)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(configFile));
        return document.RootElement.Clone();
    }
}
