using System.CommandLine;

namespace VideoPipe.Host;

/// <summary>Options several commands share.</summary>
internal static class SharedOptions
{
    public static Option<string[]> Plugins() => new("--plugins")
    {
        Description = "extra plugin directory (repeatable; also VIDEOPIPE_PLUGINS, artifacts/plugins, plugins/ next to the executable)",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string[]> Set() => new("--set")
    {
        Description = "override a pipeline field: path=value (e.g. stages.encode.parallelism=2); repeatable",
    };

    public static Option<double> Grace() => new("--grace")
    {
        Description = "seconds items in flight may take to finish after Ctrl+C / SIGTERM before they are aborted",
        DefaultValueFactory = _ => 30,
    };
}
