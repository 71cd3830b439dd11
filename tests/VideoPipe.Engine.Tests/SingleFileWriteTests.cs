using System.Text.Json.Nodes;

namespace VideoPipe.Engine.Tests;

/// <summary>
/// A write stage with one <c>file</c> takes one item: on stdout ("-") a second video would corrupt the stream.
/// Rejected by the validator when the source lists its files, failed at run time when a second item arrives.
/// </summary>
public sealed class SingleFileWriteTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public SingleFileWriteTests()
    {
        TestVideos.Generate(temp.File("in"), "a.mp4", 32, 24, 5);
        TestVideos.Generate(temp.File("in"), "b.mp4", 32, 24, 5);
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public void StdoutFedByTwoListedFilesIsRejected()
    {
        var errors = Validate("""{ "files": ["in/a.mp4", "in/b.mp4"] }""");

        Assert.Equal(
            ["$.stages[2].options.file: writes one video to standard output (\"-\"), but source 'source' lists 2 items; a second video would corrupt the stream. Write several items with options.directory, or list one file"],
            errors);
    }

    [Fact]
    public void StdoutFedByOneItemAfterLimitOrShardingIsValid()
    {
        Assert.Empty(Validate("""{ "files": ["in/a.mp4", "in/b.mp4"], "limit": 1 }"""));
        Assert.Empty(Validate("""{ "files": ["in/a.mp4", "in/b.mp4"], "shardIndex": 1, "shardCount": 2 }"""));
    }

    [Fact]
    public async Task ASecondItemForStdoutFailsTheRun()
    {
        var pipeline = temp.File("two-to-stdout.json");
        File.WriteAllText(pipeline, """
            { "errorPolicy": "failFast", "stages": [
                { "name": "source", "type": "source", "options": { "directory": "in" } },
                { "name": "decode", "type": "decode", "from": "source" },
                { "name": "write", "type": "write", "from": "decode", "options": { "file": "-" } } ] }
            """);
        VideopipeProcess.Run run;
        await using (var stdout = File.Create(temp.File("stdout.nut")))
        {
            run = await VideopipeProcess.RunAsync(["run", pipeline], stdout: stdout);
        }

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("is a second item for standard output (\"-\"), which already carries item", run.Stderr);
    }

    [Fact]
    public async Task ASecondItemForOneFileIsQuarantinedAndTheFirstFileKept()
    {
        var definition = PipelineHarness.Parse(temp.Path, """
            { "errorPolicy": "quarantine", "stages": [
                { "name": "source", "type": "source", "options": { "directory": "in" } },
                { "name": "decode", "type": "decode", "from": "source" },
                { "name": "write", "type": "write", "from": "decode", "options": { "file": "out/one.mp4" } } ] }
            """);
        using var components = TestComponents.Create();

        var result = await PipelineHarness.RunAsync(definition, components);

        Assert.Equal(PipelineOutcome.CompletedWithQuarantine, result.Outcome);
        var quarantined = Assert.Single(result.Quarantined);
        Assert.Equal("write", quarantined.Stage);
        Assert.Contains($"is a second item for the single file {temp.File("out/one.mp4")}, which holds item", quarantined.Reason);
        Assert.True(File.Exists(temp.File("out/one.mp4")));
    }

    private List<string> Validate(string sourceOptions)
    {
        var document = JsonNode.Parse($$"""
            { "stages": [
                { "name": "source", "type": "source", "options": {{sourceOptions}} },
                { "name": "decode", "type": "decode", "from": "source" },
                { "name": "write", "type": "write", "from": "decode", "options": { "file": "-" } } ] }
            """)!.AsObject();
        var (definition, errors) = PipelineParser.Parse(document, temp.Path, "single-file-test");
        Assert.True(definition is not null, string.Join("; ", errors));
        using var components = TestComponents.Create();
        return PipelineValidator.Validate(definition!, components).Select(e => e.ToString()).ToList();
    }
}
