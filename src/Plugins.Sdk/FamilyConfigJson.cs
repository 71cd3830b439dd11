using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace VideoPipe.Plugins.Sdk;

/// <summary>
/// The JSON form of a family's own config record (families without an upstream format: REGEN, ProMAG): snake_case
/// keys and enum values, unknown keys refused, errors naming the family. The metadata must be the plugin's own
/// source-generated context (<c>[JsonSerializable(typeof(TConfig))] partial class …JsonContext : JsonSerializerContext</c>):
/// reflection-based metadata would put the plugin's config types in System.Text.Json's process-wide accessor cache,
/// which is only trimmed on later use, and keep an unloaded plugin's context alive. Options are made per call for the
/// same reason (equivalent options share caching contexts).
/// </summary>
public static class FamilyConfigJson
{
    private static JsonSerializerOptions Options(IJsonTypeInfoResolver metadata) => new()
    {
        TypeInfoResolver = metadata,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Write<T>(T config, JsonSerializerContext metadata) => JsonSerializer.Serialize(config, Options(metadata));

    /// <summary>The config in <paramref name="json"/>; keys it leaves out keep the record's defaults (validate it after reading).</summary>
    public static T Read<T>(JsonElement json, string family, JsonSerializerContext metadata) where T : class, new()
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"a {family} config must be a JSON object");
        }

        try
        {
            // Generated metadata sets every init-only property, to default(T) where the JSON has no key, so the keys
            // given are laid over the defaults written out first.
            var complete = JsonNode.Parse(Write(new T(), metadata))!.AsObject();
            foreach (var (key, value) in JsonObject.Create(json)!)
            {
                complete[key] = value?.DeepClone();
            }

            return complete.Deserialize<T>(Options(metadata)) ?? throw new ArgumentException($"a {family} config must not be null");
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"bad {family} config: {e.Message}", e);
        }
    }
}
