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

    public IReadOnlyList<string> Strings(string name) =>
        Has(name) ? options.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToList() : [];
}
