using System.Text.Json.Nodes;

namespace VideoPipe.Jobs;

/// <summary>A family's settings as the <c>settings</c> object of an encode or decode-latents stage.</summary>
internal static class FamilySettingsJson
{
    public static JsonObject Of(IReadOnlyDictionary<string, string> settings) =>
        new(settings.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))));
}
