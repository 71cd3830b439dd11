using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace VideoPipe.Engine.Tests;

/// <summary>
/// The ./videopipe launcher sets the process-wide memory settings that only work from the environment at start-up
/// (docs/reconstruct.md, "Memory bound"); `videopipe version` reports what the process got.
/// </summary>
public class LauncherTests
{
    [Fact]
    public async Task CapsTheMallocArenasAndTheGen0Budget()
    {
        var memory = await MemoryLineAsync(new Dictionary<string, string?> { ["MALLOC_ARENA_MAX"] = null, ["DOTNET_GCgen0size"] = null });

        Assert.Contains("(MALLOC_ARENA_MAX=2)", memory);
        Assert.InRange(Arenas(memory), 1, 2);
        Assert.Contains("gen0 budget DOTNET_GCgen0size=0x1000000", memory);
    }

    [Fact]
    public async Task ValuesTheEnvironmentAlreadySetWin()
    {
        var memory = await MemoryLineAsync(new Dictionary<string, string?> { ["MALLOC_ARENA_MAX"] = "3", ["DOTNET_GCgen0size"] = "0x2000000" });

        Assert.Contains("(MALLOC_ARENA_MAX=3)", memory);
        Assert.InRange(Arenas(memory), 1, 3);
        Assert.Contains("gen0 budget DOTNET_GCgen0size=0x2000000", memory);
    }

    private static async Task<string> MemoryLineAsync(IReadOnlyDictionary<string, string?> environment)
    {
        var run = await VideopipeProcess.RunAsync(["version"], throughLauncher: true, environment: environment);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return Assert.Single(run.Stdout.Split('\n'), line => line.StartsWith("memory:", StringComparison.Ordinal));
    }

    private static int Arenas(string memoryLine) =>
        int.Parse(Regex.Match(memoryLine, @"malloc arenas (\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
}
