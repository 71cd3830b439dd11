using System.CommandLine;

namespace VideoPipe.Host;

/// <summary>Builds the `videopipe` command tree. Each command lives in its own file under Commands/.</summary>
public static class CliApplication
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("VideoPipe: videos to latents and back, with pluggable tokenizers.");
        foreach (var command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }

        return await root.Parse(args).InvokeAsync();
    }
}
