namespace VideoPipe.Engine;

/// <summary>Where plugins are found and how reloads behave (bound from configuration / the command line).</summary>
public sealed class PluginOptions
{
    /// <summary>Folders holding plugin folders (each with a plugin.json), or plugin folders themselves.</summary>
    public List<string> Directories { get; set; } = [];

    /// <summary>How often <c>serve</c> looks for changed plugin folders; a change is applied once it is stable across two looks.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long to wait for a replaced version's context to be collected before reporting it as leaked.</summary>
    public TimeSpan UnloadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Where shadow copies go (default: a per-process folder under the temp directory).</summary>
    public string? ShadowRoot { get; set; }

    /// <summary>The default plugin directories: artifacts/plugins under the repository root and plugins/ next to the executable.</summary>
    public static IEnumerable<string> DefaultDirectories()
    {
        yield return Path.Combine(AppContext.BaseDirectory, "plugins");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VideoPipe.sln")))
            {
                yield return Path.Combine(dir.FullName, "artifacts", "plugins");
                yield break;
            }
        }
    }

    /// <summary>Folders from the VIDEOPIPE_PLUGINS variable (separated like PATH).</summary>
    public static IEnumerable<string> FromEnvironment() =>
        (Environment.GetEnvironmentVariable("VIDEOPIPE_PLUGINS") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
