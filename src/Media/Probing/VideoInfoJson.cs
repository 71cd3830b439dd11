using System.Text.Json;
using System.Text.Json.Serialization;

namespace VideoPipe.Media;

/// <summary>JSON form of <see cref="VideoInfo"/> (camelCase, enums as names, rationals as "num/den").</summary>
public static class VideoInfoJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new RationalConverter() },
    };

    public static string Serialize(VideoInfo info) => JsonSerializer.Serialize(info, Options);

    private sealed class RationalConverter : JsonConverter<Rational>
    {
        public override Rational Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Rational.Parse(reader.GetString());

        public override void Write(Utf8JsonWriter writer, Rational value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }
}
