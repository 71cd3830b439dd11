using System.Text.Json;
using System.Text.Json.Nodes;

namespace VideoPipe.Engine;

/// <summary>
/// Applies <c>--set path=value</c> to a pipeline document. Paths use dots and brackets
/// (<c>defaults.capacity</c>, <c>stages[2].parallelism</c>); inside <c>stages</c> a stage can also be named
/// (<c>stages.encode.options.posterior</c>). Values are JSON when they parse as JSON, strings otherwise.
/// </summary>
public static class PipelineOverrides
{
    public static void Apply(JsonObject document, IEnumerable<string> assignments)
    {
        foreach (var assignment in assignments)
        {
            var eq = assignment.IndexOf('=');
            if (eq <= 0)
            {
                throw new PipelineFormatException($"--set '{assignment}' must look like path=value (e.g. stages.encode.parallelism=2)");
            }

            Set(document, assignment[..eq].Trim(), ParseValue(assignment[(eq + 1)..]));
        }
    }

    public static void Set(JsonObject document, string path, JsonNode? value)
    {
        var segments = Split(path);
        JsonNode current = document;
        for (var i = 0; i < segments.Count; i++)
        {
            var last = i == segments.Count - 1;
            var segment = segments[i];
            switch (current)
            {
                case JsonObject obj:
                    if (last)
                    {
                        obj[segment] = value;
                        return;
                    }

                    if (obj[segment] is not { } child)
                    {
                        child = new JsonObject();
                        obj[segment] = child;
                    }

                    current = child;
                    break;
                case JsonArray array:
                    var index = IndexIn(array, segment, path);
                    if (last)
                    {
                        array[index] = value;
                        return;
                    }

                    current = array[index] ?? throw new PipelineFormatException($"--set {path}: element {index} is null");
                    break;
                default:
                    throw new PipelineFormatException($"--set {path}: '{segment}' is inside a {current.GetValueKind()} value, not an object or array");
            }
        }
    }

    private static int IndexIn(JsonArray array, string segment, string path)
    {
        if (int.TryParse(segment, out var index))
        {
            return index >= 0 && index < array.Count
                ? index
                : throw new PipelineFormatException($"--set {path}: index {index} is outside 0..{array.Count - 1}");
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonObject o && o["name"] is JsonValue v && v.TryGetValue<string>(out var name) && name == segment)
            {
                return i;
            }
        }

        var names = array.OfType<JsonObject>().Select(o => o["name"]?.ToString()).Where(n => n is not null);
        throw new PipelineFormatException($"--set {path}: no element named '{segment}' (names: {string.Join(", ", names)})");
    }

    private static List<string> Split(string path)
    {
        var segments = new List<string>();
        foreach (var dotted in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var rest = dotted;
            var bracket = rest.IndexOf('[');
            if (bracket != 0)
            {
                segments.Add(bracket < 0 ? rest : rest[..bracket]);
            }

            while (bracket >= 0)
            {
                var close = rest.IndexOf(']', bracket);
                if (close < 0)
                {
                    throw new PipelineFormatException($"--set path '{path}' has an unclosed '['");
                }

                segments.Add(rest[(bracket + 1)..close]);
                rest = rest[(close + 1)..];
                bracket = rest.IndexOf('[');
            }
        }

        return segments.Count > 0 ? segments : throw new PipelineFormatException("--set needs a path before '='");
    }

    private static JsonNode? ParseValue(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
