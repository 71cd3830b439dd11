using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using VideoPipe.Engine;

namespace VideoPipe.Jobs.Training;

/// <summary>
/// Reads train.json: applies <c>--set path=value</c> overrides (as <c>run</c> does), binds snake_case keys to
/// <see cref="TrainingOptions"/> (unknown keys are errors), resolves relative paths against the file's folder and
/// validates everything. Any problem throws <see cref="TrainingConfigException"/> listing every error.
/// </summary>
public static class TrainingConfigFile
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.Strict,
    };

    public static TrainingOptions Load(string path, IEnumerable<string> overrides)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new TrainingConfigException([$"{fullPath}: no such file"]);
        }

        JsonObject document;
        try
        {
            document = JsonNode.Parse(File.ReadAllText(fullPath), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                ?? throw new TrainingConfigException([$"{fullPath}: must hold a JSON object"]);
            PipelineOverrides.Apply(document, overrides);
        }
        catch (Exception e) when (e is JsonException or PipelineFormatException)
        {
            throw new TrainingConfigException([$"{fullPath}: {e.Message}"]);
        }

        return Parse(document, Path.GetDirectoryName(fullPath)!);
    }

    /// <summary>Binds and validates a document; relative paths resolve against <paramref name="baseDirectory"/>.</summary>
    public static TrainingOptions Parse(JsonObject document, string baseDirectory)
    {
        TrainingOptions options;
        try
        {
            options = document.Deserialize<TrainingOptions>(Json) ?? throw new TrainingConfigException(["$: must be an object"]);
        }
        catch (JsonException e)
        {
            throw new TrainingConfigException([$"{(e.Path ?? "$")[1..].TrimStart('.')}: {Reason(e.Message)}"]);
        }

        ResolvePaths(options, baseDirectory);
        var validation = new TrainingOptionsValidator().Validate(Options.DefaultName, options);
        return validation.Failed ? throw new TrainingConfigException(validation.Failures.ToList()) : options;
    }

    /// <summary>The options as canonical JSON (what a run directory keeps as config.json).</summary>
    public static string Serialize(TrainingOptions options) => JsonSerializer.Serialize(options, Json);

    private static void ResolvePaths(TrainingOptions options, string baseDirectory)
    {
        string Resolve(string p) => Path.GetFullPath(p, baseDirectory);
        options.Model.Weights = options.Model.Weights is { } weights ? Resolve(weights) : null;
        options.Model.InitFrom = options.Model.InitFrom is { } image ? Resolve(image) : null;
        options.Model.GrowFrom = options.Model.GrowFrom is { } smaller ? Resolve(smaller) : null;
        if (options.Model.Config is { ValueKind: JsonValueKind.String } configPath)
        {
            options.Model.Config = ReadModelConfig(Resolve(configPath.GetString()!));
        }

        options.Data.Folders = options.Data.Folders.Select(Resolve).ToList();
        options.Data.Manifests = options.Data.Manifests.Select(Resolve).ToList();
        options.Eval.Folders = options.Eval.Folders.Select(Resolve).ToList();
    }

    /// <summary>A config file named by model.config: the object itself, or the "config" of a golden case.json.</summary>
    private static JsonElement ReadModelConfig(string path)
    {
        if (!File.Exists(path))
        {
            throw new TrainingConfigException([$"model.config: '{path}' does not exist"]);
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            return (root.TryGetProperty("config", out var nested) && nested.ValueKind == JsonValueKind.Object ? nested : root).Clone();
        }
        catch (JsonException e)
        {
            throw new TrainingConfigException([$"model.config: '{path}' is not valid JSON: {e.Message}"]);
        }
    }

    /// <summary>System.Text.Json's message in the config's terms.</summary>
    private static string Reason(string message)
    {
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return "unknown key";
        }

        const string converted = "could not be converted to ";
        var at = message.IndexOf(converted, StringComparison.Ordinal);
        if (at >= 0)
        {
            var type = message[(at + converted.Length)..].Split('.', ' ').Where(p => p.Length > 0).Skip(1).FirstOrDefault() ?? "?";
            return $"has the wrong type (expected {type})";
        }

        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut < 0 ? message : message[..(cut + 1)];
    }
}
