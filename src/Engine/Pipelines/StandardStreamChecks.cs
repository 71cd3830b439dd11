using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Engine.Stages;

namespace VideoPipe.Engine;

/// <summary>
/// Pipeline-wide rules for "-": standard input can be read once, so only one source may list it and no stage may
/// read an item's source a second time (metrics); only one write stage can own standard output.
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
    }

    private static bool ListsDash(JsonElement options, string name) =>
        options.ValueKind == JsonValueKind.Object && options.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
        && list.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.String && StandardStreams.IsDash(e.GetString()));

    private static bool IsDash(JsonElement options, string name) =>
        options.ValueKind == JsonValueKind.Object && options.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && StandardStreams.IsDash(value.GetString());
}
