using System.Text.Json.Nodes;

namespace VideoPipe.Engine.Tests;

/// <summary>The validator's rules for "-": stdin read once and never re-read (metrics), one stage owning stdout.</summary>
public sealed class StandardStreamValidationTests
{
    private const string StdinToStdout = """
        {
          "stages": [
            { "name": "source", "type": "source", "options": { "files": ["-"] } },
            { "name": "decode", "type": "decode", "from": "source" },
            { "name": "write", "type": "write", "from": "decode", "options": { "file": "-", "format": "mkv" } }
          ]
        }
        """;

    [Fact]
    public void StdinToStdoutIsValid() => Assert.Empty(Validate(StdinToStdout));

    [Fact]
    public void StdinListedTwiceIsRejected() =>
        Assert.Equal(
            ["$.stages[0].options.files: lists \"-\" (standard input) more than once; stdin can be read only once"],
            Validate(StdinToStdout, stages => stages[0]!["options"]!["files"] = new JsonArray("-", "-")));

    [Fact]
    public void ASecondSourceReadingStdinIsRejected() =>
        Assert.Equal(
            ["$.stages[3].options.files: reads standard input (\"-\") like stage 'source'; stdin can be read only once"],
            Validate(StdinToStdout, stages => stages.Add(JsonNode.Parse("""{ "name": "again", "type": "source", "options": { "files": ["-"] } }"""))));

    [Fact]
    public void MetricsCannotReReadStdin() =>
        Assert.Equal(
            ["$.stages[3].type: 'metrics' reads each item's source again to score against it, but stage 'source' reads standard input (\"-\"), which cannot be read twice; remove 'metrics' or read from a file"],
            Validate(StdinToStdout, stages => stages.Add(JsonNode.Parse("""{ "name": "metrics", "type": "metrics", "from": "decode", "options": { "directory": "m" } }"""))));

    [Fact]
    public void OnlyOneStageWritesToStdout() =>
        Assert.Equal(
            ["$.stages[3].options.file: writes to standard output (\"-\") like stage 'write'; only one stage can own stdout"],
            Validate(StdinToStdout, stages => stages.Add(JsonNode.Parse("""{ "name": "write2", "type": "write", "from": "decode", "options": { "file": "-" } }"""))));

    [Fact]
    public void FormatNeedsAFile() =>
        Assert.Equal(
            ["$.stages[2].options.format: only applies with options.file (a directory's files take 'extension')"],
            Validate(StdinToStdout, stages => stages[2]!["options"] = JsonNode.Parse("""{ "directory": "out", "format": "nut" }""")));

    private static List<string> Validate(string json, Action<JsonArray>? edit = null)
    {
        var document = JsonNode.Parse(json)!.AsObject();
        edit?.Invoke(document["stages"]!.AsArray());
        var (definition, errors) = PipelineParser.Parse(document, Path.GetTempPath(), "stdin-test");
        Assert.True(definition is not null, string.Join("; ", errors));
        using var components = TestComponents.Create();
        return PipelineValidator.Validate(definition!, components).Select(e => e.ToString()).ToList();
    }
}
