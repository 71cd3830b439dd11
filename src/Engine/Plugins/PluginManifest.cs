using System.Text.Json;

namespace VideoPipe.Engine;

/// <summary>A plugin folder's plugin.json: {id, version, families, entryType, assembly}.</summary>
public sealed record PluginManifest(string Id, string Version, IReadOnlyList<string> Families, string EntryType, string Assembly)
{
    public const string FileName = "plugin.json";

    /// <summary>Reads and checks a manifest; every problem is an <see cref="InvalidDataException"/> naming the file.</summary>
    public static PluginManifest Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {e.Message}");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path} must hold an object with id, version, families, entryType, assembly");
        }

        string Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
            ? s
            : throw new InvalidDataException($"{path}: \"{name}\" must be a non-empty string");
        var families = root.TryGetProperty("families", out var f) && f.ValueKind == JsonValueKind.Array && f.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
            ? f.EnumerateArray().Select(e => e.GetString()!).ToList()
            : throw new InvalidDataException($"{path}: \"families\" must be an array of family ids (may be empty)");
        return new PluginManifest(Text("id"), Text("version"), families, Text("entryType"), Text("assembly"));
    }
}
