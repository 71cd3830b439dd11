using System.Text.Json;

namespace VideoPipe.Engine;

/// <summary>
/// The trained models that ship with VideoPipe, so a command or pipeline that names no weights still runs real ones.
/// A model is a folder <c>&lt;root&gt;/&lt;name&gt;/</c> with <c>model.json</c> (<c>family</c>, <c>preset</c>,
/// <c>weights</c>, <c>config</c>: file names inside the folder), the weights, the family's config and a card
/// (README.md). Roots: the folders in <see cref="EnvironmentVariable"/> (path-list separated), then
/// <c>models/</c> beside the program (the build copies the repository's models/ there).
/// </summary>
public static class ShippedModels
{
    /// <summary>The embedded default: what runs when a command names no tokenizer.</summary>
    public const string DefaultName = "odvae-tiny";

    public const string EnvironmentVariable = "VIDEOPIPE_MODELS";

    public const string ManifestFile = "model.json";

    public static IReadOnlyList<string> Roots()
    {
        var roots = new List<string>();
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } list)
        {
            roots.AddRange(list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Path.GetFullPath));
        }

        roots.Add(Path.Combine(AppContext.BaseDirectory, "models"));
        return roots;
    }

    /// <summary>The model named <paramref name="name"/> in the first of <paramref name="roots"/> (default <see cref="Roots"/>) that has it, or null.</summary>
    public static ShippedModel? Find(string name, IReadOnlyList<string>? roots = null)
    {
        if (name.Length == 0 || name.IndexOfAny(['/', '\\']) >= 0 || name is "." or "..")
        {
            return null;
        }

        return (roots ?? Roots()).Select(root => Path.Combine(root, name)).Where(dir => File.Exists(Path.Combine(dir, ManifestFile))).Select(Read).FirstOrDefault();
    }

    /// <summary>
    /// The shipped weights a pipeline tokenizer of <paramref name="family"/> runs when it names <paramref name="preset"/>
    /// and no weights: the model of that name and family, or null.
    /// </summary>
    public static ShippedModel? ForPreset(string family, string? preset, IReadOnlyList<string>? roots = null) =>
        preset is null ? null : Find(preset, roots) is { } model && string.Equals(model.Family, family, StringComparison.Ordinal) ? model : null;

    /// <summary>Every model under every root (the first of a name wins), by name.</summary>
    public static IReadOnlyList<ShippedModel> All(IReadOnlyList<string>? roots = null) =>
        (roots ?? Roots()).Where(Directory.Exists)
            .SelectMany(root => Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
            .Where(dir => File.Exists(Path.Combine(dir, ManifestFile)))
            .Select(Read)
            .DistinctBy(m => m.Name, StringComparer.Ordinal)
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>The names of <see cref="All"/>, for error messages ("none" when there are none).</summary>
    public static string Names(IReadOnlyList<string>? roots = null)
    {
        roots ??= Roots();
        var names = All(roots).Select(m => m.Name).ToList();
        return names.Count == 0 ? $"none (no {ManifestFile} under {string.Join(", ", roots)})" : string.Join(", ", names);
    }

    /// <summary>Reads a model folder's manifest; a missing field or file is an error naming the manifest.</summary>
    public static ShippedModel Read(string directory)
    {
        var manifest = Path.Combine(directory, ManifestFile);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(manifest));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException("must be a JSON object");
            }

            string Field(string key) =>
                root.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
                    ? text
                    : throw new InvalidDataException($"'{key}' must be a non-empty string");

            string FileField(string key)
            {
                var path = Path.GetFullPath(Field(key), directory);
                return File.Exists(path) ? path : throw new InvalidDataException($"'{key}' names {path}, which does not exist");
            }

            return new ShippedModel(Path.GetFileName(Path.TrimEndingDirectorySeparator(directory)), Field("family"), Field("preset"), directory, FileField("weights"), FileField("config"));
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"shipped model {manifest}: {e.Message}", e);
        }
    }
}
