using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;

namespace VideoPipe.Engine.Tests;

/// <summary>Writes a pipeline document to a folder and runs it with the engine.</summary>
internal static class PipelineHarness
{
    public static PipelineDefinition Parse(string directory, string json, params string[] overrides)
    {
        var path = Path.Combine(directory, "pipeline.json");
        File.WriteAllText(path, json);
        var (definition, errors) = PipelineParser.LoadFile(path, overrides);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return definition!;
    }

    public static Task<PipelineResult> RunAsync(PipelineDefinition definition, ComponentSet components, PipelineMonitor? monitor = null,
        CancellationToken stopIntake = default, CancellationToken abort = default) =>
        new PipelineRunner(new DeviceManager(), NullLoggerFactory.Instance).RunAsync(definition, components, monitor ?? new PipelineMonitor(), stopIntake, abort);

    public static JsonObject Object(string json) => JsonNode.Parse(json)!.AsObject();
}
