using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Engine.Stages;

namespace VideoPipe.Engine;

/// <summary>
/// Pipeline-wide rules for "-": standard input can be read once, so only one source may list it and no stage may
/// read an item's source a second time (metrics); only one write stage can own standard output, and only for one
/// item (a second video would corrupt the stream; checked here when the source lists its files, at run time otherwise).
/// </summary>
public static class StandardStreamChecks
{
    /// <summary>The write stages whose <c>file</c> is "-" (standard output).</summary>
    public static List<StageDefinition> StdoutWriters(PipelineDefinition pipeline, ComponentSet components) =>
        pipeline.Stages.Where(s => components.StageTypes.GetValueOrDefault(s.Type) is WriteVideoStageType && IsDash(s.Options, "file")).ToList();

    internal static void Check(PipelineDefinition pipeline, ComponentSet components, List<ValidationError> errors)
    {
        var stages = pipeline.Stages.Select(s => (Stage: s, Type: components.StageTypes.GetValueOrDefault(s.Type))).ToList();
        var stdinReaders = stages.Where(s => s.Type is SourceStageType && ListsDash(s.Stage.Options, "files")).Select(s => s.Stage).ToList();
        foreach (var extra in stdinReaders.Skip(1))
        {
            errors.Add(new ValidationError($"{extra.JsonPath}.options.files",
                $"reads standard input (\"-\") like stage '{stdinReaders[0].Name}'; stdin can be read only once"));
        }

        if (stdinReaders.Count > 0)
        {
            foreach (var (stage, _) in stages.Where(s => s.Type is MetricsStageType))
            {
                errors.Add(new ValidationError($"{stage.JsonPath}.type",
                    $"'{stage.Name}' reads each item's source again to score against it, but stage '{stdinReaders[0].Name}' reads standard input (\"-\"), which cannot be read twice; remove '{stage.Name}' or read from a file"));
            }
        }

        var stdoutWriters = StdoutWriters(pipeline, components);
        foreach (var extra in stdoutWriters.Skip(1))
        {
            errors.Add(new ValidationError($"{extra.JsonPath}.options.file",
                $"writes to standard output (\"-\") like stage '{stdoutWriters[0].Name}'; only one stage can own stdout"));
        }

        var byName = pipeline.Stages.GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var writer in stdoutWriters)
        {
            if (SourceOf(writer, byName) is { } source && ListedItems(source.Options) is > 1 and var items)
            {
                errors.Add(new ValidationError($"{writer.JsonPath}.options.file",
                    $"writes one video to standard output (\"-\"), but source '{source.Name}' lists {items} items; a second video would corrupt the stream. Write several items with options.directory, or list one file"));
            }
        }
    }

    /// <summary>The stage at the top of the <c>from</c> chain (null when the chain is broken or loops).</summary>
    private static StageDefinition? SourceOf(StageDefinition stage, Dictionary<string, StageDefinition> byName)
    {
        var current = stage;
        for (var steps = 0; current.From is { } from && steps < byName.Count; steps++)
        {
            if (!byName.TryGetValue(from, out var previous))
            {
                return null;
            }

            current = previous;
        }

        return current.From is null ? current : null;
    }

    /// <summary>
    /// Items a source with <c>files</c> will emit after sharding and <c>limit</c>; null for a directory or manifest,
    /// and for a list naming stdin twice (its own error).
    /// </summary>
    private static int? ListedItems(JsonElement options)
    {
        if (options.ValueKind != JsonValueKind.Object || !options.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Array
            || files.EnumerateArray().Count(e => e.ValueKind == JsonValueKind.String && StandardStreams.IsDash(e.GetString())) > 1)
        {
            return null;
        }

        var count = files.GetArrayLength();
        if (Integer(options, "shardCount") is { } shards and > 0 && Integer(options, "shardIndex") is { } index and >= 0)
        {
            count = index >= count ? 0 : (count - index + shards - 1) / shards;
        }

        return Integer(options, "limit") is { } limit and > 0 ? Math.Min(count, limit) : count;
    }

    private static int? Integer(JsonElement options, string name) =>
        options.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    private static bool ListsDash(JsonElement options, string name) =>
        options.ValueKind == JsonValueKind.Object && options.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
        && list.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.String && StandardStreams.IsDash(e.GetString()));

    private static bool IsDash(JsonElement options, string name) =>
        options.ValueKind == JsonValueKind.Object && options.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && StandardStreams.IsDash(value.GetString());
}
