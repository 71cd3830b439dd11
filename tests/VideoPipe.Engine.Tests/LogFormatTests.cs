using System.Text.Json;
using System.Text.RegularExpressions;

namespace VideoPipe.Engine.Tests;

/// <summary>Logs on stderr are plain timed lines by default, redirected or not, and JSON lines with --log-format json.</summary>
public sealed class LogFormatTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task RedirectedStderrGetsPlainLinesByDefault()
    {
        var lines = await FailingRunAsync();

        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\d\d:\d\d:\d\d fail: .*does not exist"));
        Assert.DoesNotContain(lines, l => l.StartsWith('{'));
    }

    [Fact]
    public async Task LogFormatJsonGivesOneJsonObjectPerLine()
    {
        var lines = await FailingRunAsync("--log-format", "json");

        var logged = Assert.Single(lines, l => l.StartsWith('{') && l.Contains("does not exist", StringComparison.Ordinal));
        using var entry = JsonDocument.Parse(logged);
        Assert.Equal("Error", entry.RootElement.GetProperty("LogLevel").GetString());
    }

    /// <summary>latents decode of a missing dataset: refused (exit 2) with the reason logged.</summary>
    private async Task<string[]> FailingRunAsync(params string[] extra)
    {
        var run = await VideopipeProcess.RunAsync(["latents", "decode", temp.File("missing"), temp.File("out"), "--tokenizer", "ivvae", "--random-weights-seed", "1", .. extra]);
        Assert.True(run.ExitCode == 2, run.Stdout + run.Stderr);
        return run.Stderr.Split('\n');
    }
}
