namespace VideoPipe.Engine.Tests;

/// <summary><c>videopipe plugins list</c>: each family's presets, then the settings it reads, once, with what each does.</summary>
public sealed class PluginsListCommandTests
{
    [Fact]
    public async Task EveryFamilyListsItsPresetsAndDescribesItsSettingsOnce()
    {
        var run = await VideopipeProcess.RunAsync(["plugins", "list"]);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("  family ivvae", run.Stdout);
        Assert.Contains("    z16_dim64: ", run.Stdout);
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(run.Stdout, "      groups_per_call: encode: 4-frame groups per encoder call \\(default 4\\)"));
        Assert.Contains("      spatial_tile: decode: layer-wise spatial tiles", run.Stdout);
        Assert.Contains("      tiling: true or false", run.Stdout);
    }
}
