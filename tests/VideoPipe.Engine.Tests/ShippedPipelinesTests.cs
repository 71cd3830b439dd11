using System.Text.Json.Nodes;
using VideoPipe.Tests.Shared;

namespace VideoPipe.Engine.Tests;

/// <summary>
/// Every pipeline in pipelines/ runs as shipped with the embedded default model: only its inputs and outputs are
/// pointed at a temporary folder (with --set, as a user would), its tokenizer and stages stay as they are.
/// </summary>
public sealed class ShippedPipelinesTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public static TheoryData<string> Pipelines() =>
        new(Directory.EnumerateFiles(Repository.Path("pipelines"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    public void Dispose() => temp.Dispose();

    [Theory]
    [MemberData(nameof(Pipelines))]
    public async Task RunsOnTheEmbeddedDefault(string name)
    {
        var pipeline = Repository.Path("pipelines", name);
        var clip = TestVideos.Generate(temp.File("videos"), "clip.mp4", 64, 48, 17);
        File.WriteAllText(temp.File("manifest.jsonl"), """{"path": "videos/clip.mp4"}""" + "\n");
        var document = JsonNode.Parse(File.ReadAllText(pipeline))!.AsObject();
        Assert.All(document["tokenizers"]!.AsObject(), t => Assert.Null(t.Value!["weights"]));

        var arguments = new List<string> { "run", pipeline };
        foreach (var stage in document["stages"]!.AsArray().Select(s => s!.AsObject()))
        {
            var stageName = stage["name"]!.GetValue<string>();
            var options = stage["options"]?.AsObject();
            foreach (var (key, redirect) in Redirects(stage["type"]!.GetValue<string>(), stageName, clip))
            {
                if (options?.ContainsKey(key) == true)
                {
                    arguments.AddRange(["--set", $"stages.{stageName}.options.{key}={redirect}"]);
                }
            }
        }

        foreach (var (datasetName, _) in document["datasets"]?.AsObject() ?? [])
        {
            arguments.AddRange(["--set", $"datasets.{datasetName}.output={temp.File($"out/{datasetName}")}", "--set", $"datasets.{datasetName}.input={temp.File("videos")}"]);
        }

        var run = await VideopipeProcess.RunAsync(arguments);

        Assert.True(run.ExitCode == 0, $"{name}: exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        Assert.NotEmpty(Directory.EnumerateFiles(temp.File("out"), "*", SearchOption.AllDirectories));
    }

    private IEnumerable<(string Key, string Value)> Redirects(string type, string stage, string clip) => type switch
    {
        "source" => [("directory", temp.File("videos")), ("manifest", temp.File("manifest.jsonl")), ("files", $"[\"{clip}\"]"), ("input", temp.File("videos"))],
        "write" => [("directory", temp.File($"out/{stage}")), ("file", temp.File($"out/{stage}/clip.mp4"))],
        _ => [("directory", temp.File($"out/{stage}"))],
    };
}
