using System.Text.Json;

namespace VideoPipe.Engine.Stages;

/// <summary>Typed access to a stage's options (already validated against the stage type's declarations).</summary>
internal readonly struct OptionReader(JsonElement options)
{
    public bool Has(string name) => options.ValueKind == JsonValueKind.Object && options.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    public string? String(string name) => Has(name) ? options.GetProperty(name).GetString() : null;

    public string String(string name, string fallback) => String(name) ?? fallback;

    public long? Long(string name) => Has(name) ? options.GetProperty(name).GetInt64() : null;

    public int Int(string name, int fallback) => Has(name) ? options.GetProperty(name).GetInt32() : fallback;

    public int? Int(string name) => Has(name) ? options.GetProperty(name).GetInt32() : null;

    public double? Double(string name) => Has(name) ? options.GetProperty(name).GetDouble() : null;

    public bool Bool(string name, bool fallback) => Has(name) ? options.GetProperty(name).GetBoolean() : fallback;

    /// <summary>An object option of scalars as strings (numbers as written, booleans as true/false); empty when absent.</summary>
    public IReadOnlyDictionary<string, string> Scalars(string name) =>
        Has(name)
            ? options.GetProperty(name).EnumerateObject().ToDictionary(p => p.Name, p => ScalarText(p.Value) ?? throw new InvalidOperationException($"setting {p.Name} is not a scalar (validation lets none through)"), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>A JSON scalar as the text a settings dictionary holds; null for anything else.</summary>
    public static string? ScalarText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    public IReadOnlyList<string> Strings(string name) =>
        Has(name) ? options.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToList() : [];
}
