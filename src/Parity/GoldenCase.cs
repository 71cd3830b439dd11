using System.Text.Json;
using VideoPipe.Torch;

namespace VideoPipe.Parity;

/// <summary>A parity case directory in the layout of shared/goldens/README.md.</summary>
public sealed record GoldenCase(
    string Directory,
    string Family,
    JsonElement Config,
    string WeightsPath,
    string InputsPath,
    string GoldenPath,
    DType DType,
    Device Device,
    IReadOnlyList<GoldenStep> Steps)
{
    public static GoldenCase Load(string caseDir)
    {
        var dir = Path.GetFullPath(caseDir);
        var file = Path.Combine(dir, "case.json");
        if (!File.Exists(file))
        {
            throw new GoldenCaseException(dir, "no case.json in this directory");
        }

        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            root = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new GoldenCaseException(dir, $"case.json is not valid JSON: {e.Message}");
        }

        var family = RequiredString(dir, root, "family");
        if (!root.TryGetProperty("config", out var config) || config.ValueKind != JsonValueKind.Object)
        {
            throw new GoldenCaseException(dir, "case.json needs a 'config' object");
        }

        var steps = new List<GoldenStep>();
        if (!root.TryGetProperty("steps", out var stepsElement) || stepsElement.ValueKind != JsonValueKind.Array)
        {
            throw new GoldenCaseException(dir, "case.json needs a 'steps' array");
        }

        var index = 0;
        foreach (var s in stepsElement.EnumerateArray())
        {
            var where = $"steps[{index++}]";
            var tolerance = s.TryGetProperty("tolerance", out var t) ? t : default;
            steps.Add(new GoldenStep(
                RequiredString(dir, s, "out", where),
                RequiredString(dir, s, "op", where),
                RequiredString(dir, s, "in", where),
                s.TryGetProperty("options", out var o) ? o.Clone() : JsonDocument.Parse("{}").RootElement.Clone(),
                tolerance.ValueKind == JsonValueKind.Object && tolerance.TryGetProperty("atol", out var a) ? a.GetDouble() : 0,
                tolerance.ValueKind == JsonValueKind.Object && tolerance.TryGetProperty("rtol", out var r) ? r.GetDouble() : 0));
        }

        return new GoldenCase(
            dir,
            family,
            config.Clone(),
            ExistingFile(dir, root, "weights", "weights.safetensors"),
            ExistingFile(dir, root, "inputs", "input.safetensors"),
            ExistingFile(dir, root, "golden", "golden.safetensors"),
            DTypeExtensions.ParseDType(OptionalString(root, "dtype") ?? "float32"),
            Device.Parse(OptionalString(root, "device") ?? "cpu"),
            steps);
    }

    private static string RequiredString(string dir, JsonElement e, string name, string where = "case.json")
    {
        if (e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s)
        {
            return s;
        }

        throw new GoldenCaseException(dir, $"{where} needs a string '{name}'");
    }

    private static string? OptionalString(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string ExistingFile(string dir, JsonElement root, string name, string fallback)
    {
        var path = Path.Combine(dir, OptionalString(root, name) ?? fallback);
        return File.Exists(path) ? path : throw new GoldenCaseException(dir, $"'{name}' file {path} does not exist");
    }
}

public sealed class GoldenCaseException(string caseDir, string reason) : Exception($"{caseDir}: {reason}")
{
    public string CaseDirectory { get; } = caseDir;
}
