using System.Text.Json;
using VideoPipe.Torch;

namespace VideoPipe.Parity;

/// <summary>A parity case directory in the layout of shared/goldens/README.md.</summary>
public sealed record GoldenCase(
    string Directory,
    string Family,
    JsonElement Config,
    string? WeightsPath,
    string InputsPath,
    string GoldenPath,
    DType DType,
    Device Device,
    IReadOnlyList<GoldenStep> Steps,
    JsonElement Root)
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
        var config = root.TryGetProperty("config", out var c) ? c : JsonDocument.Parse("{}").RootElement;
        if (config.ValueKind != JsonValueKind.Object)
        {
            throw new GoldenCaseException(dir, "case.json: 'config' must be an object");
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
                OptionalString(s, "in"),
                s.TryGetProperty("options", out var o) ? o.Clone() : JsonDocument.Parse("{}").RootElement.Clone(),
                Number(tolerance, "atol") ?? 0,
                Number(tolerance, "rtol") ?? 0,
                GradientTolerance(dir, s, where)));
        }

        return new GoldenCase(
            dir,
            family,
            config.Clone(),
            root.TryGetProperty("weights", out _) || File.Exists(Path.Combine(dir, "weights.safetensors"))
                ? ExistingFile(dir, root, "weights", "weights.safetensors")
                : null,
            ExistingFile(dir, root, "inputs", "input.safetensors"),
            ExistingFile(dir, root, "golden", "golden.safetensors"),
            DTypeExtensions.ParseDType(OptionalString(root, "dtype") ?? "float32"),
            Device.Parse(OptionalString(root, "device") ?? "cpu"),
            steps,
            root);
    }

    /// <summary>The weights file, for cases that build a model (an optimizer case has none).</summary>
    public string RequireWeights() => WeightsPath ?? throw new GoldenCaseException(Directory, "case.json names no 'weights' and there is no weights.safetensors");

    private static double? Number(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static GradientTolerance? GradientTolerance(string dir, JsonElement step, string where)
    {
        if (!step.TryGetProperty("gradients", out var g))
        {
            return null;
        }

        var tolerance = g.TryGetProperty("tolerance", out var t) ? t : default;
        return new GradientTolerance(
            OptionalString(g, "prefix") ?? "grad.",
            Number(tolerance, "rel_l2") ?? throw new GoldenCaseException(dir, $"{where}.gradients.tolerance needs 'rel_l2'"),
            Number(tolerance, "abs_l2") ?? 0);
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
