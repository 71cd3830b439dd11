using System.Diagnostics;
using System.Text.Json;
using VideoPipe.Tests.Shared;

namespace VideoPipe.Engine.Tests;

/// <summary>`videopipe serve` as a real process: inbox runs, plugin hot reload, SIGTERM.</summary>
public sealed class ServeTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task ServeRunsInboxPipelinesOnTheCurrentPluginVersionAndStopsOnSigterm()
    {
        TestPlugins.WritePlugin(temp.File("plugins/test"), "1.0.0");
        File.WriteAllText(temp.File("item.txt"), "an item");
        Directory.CreateDirectory(temp.File("inbox"));
        using var serve = StartServe();
        try
        {
            DropPipeline("first");
            var first = await WaitForResultAsync("first");
            Assert.Equal("completed", first.GetProperty("outcome").GetString());
            Assert.Single(Directory.GetFiles(temp.File("marks/first"), "*.1.0.0"));

            TestPlugins.WritePlugin(temp.File("plugins/test"), "2.0.0");
            await Task.Delay(TimeSpan.FromSeconds(4));
            DropPipeline("second");
            var second = await WaitForResultAsync("second");
            Assert.Equal("completed", second.GetProperty("outcome").GetString());
            Assert.Single(Directory.GetFiles(temp.File("marks/second"), "*.2.0.0"));

            DropPipeline("broken", """{ "stages": [ { "name": "x", "type": "nope" } ] }""");
            var broken = await WaitForResultAsync("broken");
            Assert.Equal("invalid", broken.GetProperty("outcome").GetString());
            Assert.Contains("unknown stage type 'nope'", broken.GetProperty("validationErrors")[0].GetString());
        }
        finally
        {
            using var kill = Process.Start("kill", ["-TERM", serve.Id.ToString()]);
            await kill.WaitForExitAsync();
        }

        Assert.True(serve.WaitForExit(TimeSpan.FromSeconds(60)), "serve did not stop after SIGTERM");
        var log = await serve.StandardError.ReadToEndAsync();
        Assert.True(serve.ExitCode == 0, log);
        Assert.Contains("Unloaded plugin test-plugin 1.0.0; context collected", log);
    }

    private void DropPipeline(string name, string? json = null)
    {
        json ??= $$"""
            { "stages": [
                { "name": "source", "type": "source", "options": { "files": ["{{temp.File("item.txt")}}"] } },
                { "name": "mark", "type": "marker", "from": "source", "options": { "directory": "{{temp.File($"marks/{name}")}}" } } ] }
            """;
        File.WriteAllText(temp.File($"inbox/{name}.tmp"), json);
        File.Move(temp.File($"inbox/{name}.tmp"), temp.File($"inbox/{name}.json"));
    }

    private async Task<JsonElement> WaitForResultAsync(string name)
    {
        var path = temp.File($"inbox/{name}.result.json");
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(path))
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), $"no result for {name}");
            await Task.Delay(100);
        }

        return JsonDocument.Parse(await File.ReadAllTextAsync(path)).RootElement;
    }

    private Process StartServe()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var host = Repository.Path("src", "Host", "bin", configuration, "net10.0", "videopipe.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { host, "serve", "--plugins", temp.File("plugins"), "--inbox", temp.File("inbox"), "--grace", "5" })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["TMPDIR"] = temp.File("tmp");
        Directory.CreateDirectory(temp.File("tmp"));
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }
}
