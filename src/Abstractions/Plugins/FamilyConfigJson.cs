using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace VideoPipe.Abstractions;

/// <summary>
/// The JSON form of a family's own config record (families without an upstream format: REGEN, ProMAG): snake_case
/// keys and enum values, unknown keys refused, errors naming the family. Options (with their own resolver) are made
/// per call: options kept in this shared assembly, or shared with equivalent options through System.Text.Json's
/// global metadata caches, would hold the plugin's config types and keep an unloaded plugin's context alive.
/// </summary>
public static class FamilyConfigJson
{
    private static JsonSerializerOptions Options() => new()
    {
        // a resolver of its own keeps these options out of System.Text.Json's shared metadata caches
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Write<T>(T config) => JsonSerializer.Serialize(config, Options());

    /// <summary>The config in <paramref name="json"/> (validate it after reading).</summary>
    public static T Read<T>(JsonElement json, string family) where T : class
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"a {family} config must be a JSON object");
        }

        try
        {
            return json.Deserialize<T>(Options()) ?? throw new ArgumentException($"a {family} config must not be null");
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"bad {family} config: {e.Message}", e);
        }
    }
}
