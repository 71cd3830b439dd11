using System.Text.Json;
using System.Text.Json.Nodes;

namespace VideoPipe.Engine;

/// <summary>JSON with object keys sorted ordinally at every level and no whitespace: equal content, equal bytes.</summary>
public static class CanonicalJson
{
    public static string Serialize(JsonNode? node) => Sort(node)?.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) ?? "null";

    public static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Sort).ToArray()),
        null => null,
        _ => JsonNode.Parse(node.ToJsonString()),
    };
}
