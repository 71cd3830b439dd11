using System.Text.Json;
using System.Text.Json.Nodes;
using VideoPipe.Abstractions;

namespace VideoPipe.Engine;

/// <summary>
/// Turns a pipeline document into a <see cref="PipelineDefinition"/>, reporting every structural problem with its
/// JSON path instead of stopping at the first.
/// </summary>
public static class PipelineParser
{
    private static readonly string[] TopLevelKeys = ["name", "defaults", "errorPolicy", "itemTimeoutSeconds", "attempts", "tokenizers", "datasets", "stages"];
    private static readonly string[] DefaultsKeys = ["capacity", "parallelism", "device", "dtype"];
    private static readonly string[] StageKeys = ["name", "type", "from", "capacity", "parallelism", "device", "dtype", "options"];
    private static readonly string[] TokenizerKeys = ["family", "preset", "config", "weights", "randomWeightsSeed"];

    /// <summary>Reads <paramref name="path"/>, applies overrides and parses; throws only when the file is not JSON.</summary>
    public static (PipelineDefinition? Definition, List<ValidationError> Errors) LoadFile(string path, IEnumerable<string>? overrides = null)
    {
        var fullPath = Path.GetFullPath(path);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(fullPath), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new PipelineFormatException($"{fullPath} is not valid JSON: {e.Message}", e);
        }

        if (node is not JsonObject document)
        {
            throw new PipelineFormatException($"{fullPath} must hold a JSON object");
        }

        PipelineOverrides.Apply(document, overrides ?? []);
        return Parse(document, Path.GetDirectoryName(fullPath)!, Path.GetFileNameWithoutExtension(fullPath));
    }

    public static (PipelineDefinition? Definition, List<ValidationError> Errors) Parse(JsonObject document, string baseDirectory, string fallbackName)
    {
        var errors = new List<ValidationError>();
        RejectUnknown(document, "$", TopLevelKeys, errors);
        var name = ReadString(document, "name", "$", errors) ?? fallbackName;
        var defaults = ParseDefaults(document["defaults"], errors);
        var policy = ParsePolicy(document["errorPolicy"], errors);
        var itemTimeout = ParseItemTimeout(document["itemTimeoutSeconds"], errors);
        var attempts = ParseAttempts(document["attempts"], errors);
        var tokenizers = ParseTokenizers(document["tokenizers"], errors);
        var datasets = ParseDatasets(document["datasets"], errors);
        var stages = ParseStages(document["stages"], defaults, errors);
        var definition = new PipelineDefinition
        {
            Name = name,
            BaseDirectory = baseDirectory,
            Defaults = defaults,
            ErrorPolicy = policy,
            ItemTimeout = itemTimeout,
            Attempts = attempts,
            Tokenizers = tokenizers,
            Datasets = datasets,
            Stages = stages,
        };
        return (errors.Count == 0 ? definition : null, errors);
    }

    private static int ParseAttempts(JsonNode? node, List<ValidationError> errors)
    {
        if (node is null)
        {
            return 1;
        }

        if (node is JsonValue value && value.TryGetValue<int>(out var attempts) && attempts >= 1)
        {
            return attempts;
        }

        errors.Add(new ValidationError("$.attempts", $"'{node.ToJsonString()}' is not an integer >= 1"));
        return 1;
    }

    private static Dictionary<string, DatasetDefinition> ParseDatasets(JsonNode? node, List<ValidationError> errors)
    {
        var result = new Dictionary<string, DatasetDefinition>(StringComparer.Ordinal);
        if (node is null)
        {
            return result;
        }

        if (node is not JsonObject obj)
        {
            errors.Add(new ValidationError("$.datasets", "must be an object mapping a name to the dataset's options"));
            return result;
        }

        foreach (var (name, value) in obj)
        {
            var path = $"$.datasets.{name}";
            if (value is not JsonObject)
            {
                errors.Add(new ValidationError(path, "must be an object (output, tokenizer, clipFrames, ...)"));
                continue;
            }

            result[name] = new DatasetDefinition { Name = name, Options = JsonSerializer.SerializeToElement(value), JsonPath = path };
        }

        return result;
    }

    private static PipelineDefaults ParseDefaults(JsonNode? node, List<ValidationError> errors)
    {
        var builtin = PipelineDefaults.Builtin;
        if (node is null)
        {
            return builtin;
        }

        if (node is not JsonObject obj)
        {
            errors.Add(new ValidationError("$.defaults", "must be an object with capacity, parallelism, device, dtype"));
            return builtin;
        }

        RejectUnknown(obj, "$.defaults", DefaultsKeys, errors);
        return new PipelineDefaults(
            ReadPositiveInt(obj, "capacity", "$.defaults", errors) ?? builtin.Capacity,
            ReadPositiveInt(obj, "parallelism", "$.defaults", errors) ?? builtin.Parallelism,
            ReadString(obj, "device", "$.defaults", errors) ?? builtin.Device,
            ReadString(obj, "dtype", "$.defaults", errors) ?? builtin.DType);
    }

    private static TimeSpan? ParseItemTimeout(JsonNode? node, List<ValidationError> errors)
    {
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.TryGetValue<double>(out var seconds) && double.IsFinite(seconds) && seconds > 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        errors.Add(new ValidationError("$.itemTimeoutSeconds", $"'{node.ToJsonString()}' is not a positive number of seconds"));
        return null;
    }

    private static ErrorPolicy ParsePolicy(JsonNode? node, List<ValidationError> errors)
    {
        if (node is null)
        {
            return ErrorPolicy.FailFast;
        }

        var text = node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;
        switch (text)
        {
            case "failFast":
                return ErrorPolicy.FailFast;
            case "quarantine":
                return ErrorPolicy.Quarantine;
            default:
                errors.Add(new ValidationError("$.errorPolicy", $"'{node.ToJsonString()}' is not an error policy; valid: \"failFast\", \"quarantine\""));
                return ErrorPolicy.FailFast;
        }
    }

    private static Dictionary<string, TokenizerDefinition> ParseTokenizers(JsonNode? node, List<ValidationError> errors)
    {
        var result = new Dictionary<string, TokenizerDefinition>(StringComparer.Ordinal);
        if (node is null)
        {
            return result;
        }

        if (node is not JsonObject obj)
        {
            errors.Add(new ValidationError("$.tokenizers", "must be an object mapping a name to {family, preset, config, weights}"));
            return result;
        }

        foreach (var (name, value) in obj)
        {
            var path = $"$.tokenizers.{name}";
            if (value is not JsonObject t)
            {
                errors.Add(new ValidationError(path, "must be an object with family and preset or config (+ weights)"));
                continue;
            }

            RejectUnknown(t, path, TokenizerKeys, errors);
            var family = ReadString(t, "family", path, errors);
            if (family is null)
            {
                errors.Add(new ValidationError($"{path}.family", "is required (the tokenizer family id, e.g. \"odvae\")"));
                continue;
            }

            JsonElement? config = null;
            string? configPath = null;
            switch (t["config"])
            {
                case null:
                    break;
                case JsonObject inline:
                    config = JsonSerializer.SerializeToElement(inline);
                    break;
                case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                    configPath = v.GetValue<string>();
                    break;
                default:
                    errors.Add(new ValidationError($"{path}.config", "must be an inline object or a path to a JSON file (a case.json's \"config\" is used)"));
                    break;
            }

            var seed = t["randomWeightsSeed"];
            ulong? randomSeed = null;
            if (seed is not null)
            {
                if (seed.GetValueKind() == JsonValueKind.Number && seed.AsValue().TryGetValue<ulong>(out var s))
                {
                    randomSeed = s;
                }
                else
                {
                    errors.Add(new ValidationError($"{path}.randomWeightsSeed", "must be a non-negative integer"));
                }
            }

            result[name] = new TokenizerDefinition
            {
                Name = name,
                Family = family,
                Preset = ReadString(t, "preset", path, errors),
                Config = config,
                ConfigPath = configPath,
                Weights = ReadString(t, "weights", path, errors),
                RandomWeightsSeed = randomSeed,
                JsonPath = path,
            };
        }

        return result;
    }

    private static List<StageDefinition> ParseStages(JsonNode? node, PipelineDefaults defaults, List<ValidationError> errors)
    {
        var stages = new List<StageDefinition>();
        if (node is not JsonArray array || array.Count == 0)
        {
            errors.Add(new ValidationError("$.stages", "must be a non-empty array of {name, type, from, options, ...}"));
            return stages;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var path = $"$.stages[{i}]";
            if (array[i] is not JsonObject s)
            {
                errors.Add(new ValidationError(path, "must be an object with at least name and type"));
                continue;
            }

            RejectUnknown(s, path, StageKeys, errors);
            var type = ReadString(s, "type", path, errors);
            if (type is null)
            {
                errors.Add(new ValidationError($"{path}.type", "is required (a stage type; `videopipe plugins list` shows them)"));
            }

            var options = s["options"];
            if (options is not null and not JsonObject)
            {
                errors.Add(new ValidationError($"{path}.options", "must be an object"));
                options = null;
            }

            stages.Add(new StageDefinition
            {
                Name = ReadString(s, "name", path, errors) ?? type ?? $"stage{i}",
                Type = type ?? "",
                From = ReadString(s, "from", path, errors),
                Capacity = ReadPositiveInt(s, "capacity", path, errors) ?? defaults.Capacity,
                Parallelism = ReadPositiveInt(s, "parallelism", path, errors) ?? defaults.Parallelism,
                Device = ReadString(s, "device", path, errors),
                DType = ReadString(s, "dtype", path, errors),
                Options = JsonSerializer.SerializeToElement(options ?? new JsonObject()),
                JsonPath = path,
            });
        }

        return stages;
    }

    private static void RejectUnknown(JsonObject obj, string path, string[] known, List<ValidationError> errors)
    {
        foreach (var (key, _) in obj)
        {
            if (!known.Contains(key, StringComparer.Ordinal))
            {
                errors.Add(new ValidationError($"{path}.{key}", $"unknown field; valid fields here: {string.Join(", ", known)}"));
            }
        }
    }

    private static string? ReadString(JsonObject obj, string key, string path, List<ValidationError> errors)
    {
        var node = obj[key];
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() == JsonValueKind.String)
        {
            return node.GetValue<string>();
        }

        errors.Add(new ValidationError($"{path}.{key}", $"must be a string, not {node.ToJsonString()}"));
        return null;
    }

    private static int? ReadPositiveInt(JsonObject obj, string key, string path, List<ValidationError> errors)
    {
        var node = obj[key];
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<int>(out var value) && value >= 1)
        {
            return value;
        }

        errors.Add(new ValidationError($"{path}.{key}", $"must be a positive integer, not {node.ToJsonString()}"));
        return null;
    }
}
