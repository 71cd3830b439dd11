using System.Text.Json;
using System.Text.Json.Serialization;
using VideoPipe.Engine;

namespace VideoPipe.Host;

/// <summary>A run's result as JSON (for --report and the serve inbox).</summary>
internal static class ResultFile
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(PipelineResult result) => JsonSerializer.Serialize(new
    {
        result.Pipeline,
        result.Outcome,
        result.ExitCode,
        result.ItemsStarted,
        result.ItemsCompleted,
        result.Frames,
        ElapsedSeconds = result.Elapsed.TotalSeconds,
        result.Failure,
        result.ValidationErrors,
        result.Quarantined,
        result.Stages,
    }, Json);

    public static void Write(string path, PipelineResult result)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + $".{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, Serialize(result));
        File.Move(temporary, full, overwrite: true);
    }
}
