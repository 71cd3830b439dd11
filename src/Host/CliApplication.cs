using System.CommandLine;

namespace VideoPipe.Host;

/// <summary>Builds the `videopipe` command tree. Each command lives in its own file under Commands/.</summary>
public static class CliApplication
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("VideoPipe: videos to latents and back, with pluggable tokenizers. Exit codes (every command): 0 done, 1 failed, 2 invalid input or settings, 3 done with items quarantined, 4 stopped after draining, 5 aborted, 143 precompute stopped by a signal (rerun resumes).");
        var logFormat = new Option<string?>("--log-format") { Description = "log lines on stderr: plain (default) or json (also VIDEOPIPE_LOG_FORMAT)", Recursive = true };
        logFormat.AcceptOnlyFromAmong("plain", "json");
        root.Options.Add(logFormat);
        foreach (var command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }

        var parse = root.Parse(args);
        if (LogOutput.Parse(parse.GetValue(logFormat)) is { } format)
        {
            LogOutput.Format = format;
        }

        return await parse.InvokeAsync();
    }
}
