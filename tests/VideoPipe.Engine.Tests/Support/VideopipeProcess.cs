using System.Diagnostics;
using VideoPipe.Tests.Shared;

namespace VideoPipe.Engine.Tests;

/// <summary>The built <c>videopipe</c> CLI run as a child process (dotnet exec of the Host's dll of this configuration).</summary>
internal static class VideopipeProcess
{
    public sealed record Run(int ExitCode, string Stdout, string Stderr);

    public static string HostDll { get; } = Repository.Path("src", "Host", "bin",
        new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "videopipe.dll");

    /// <summary>The repository's <c>./videopipe</c> launcher script (runs the Release build).</summary>
    public static string Launcher { get; } = Repository.Path("videopipe");

    /// <summary>
    /// Runs to the end: <paramref name="stdin"/> is copied to its standard input (then closed; none: closed at once);
    /// with <paramref name="stdout"/> its standard output is copied there as bytes, else captured as text.
    /// <paramref name="throughLauncher"/>: start it with the launcher script instead of dotnet exec of the dll;
    /// <paramref name="environment"/>: variables to set (null value: remove).
    /// </summary>
    public static async Task<Run> RunAsync(IEnumerable<string> arguments, Stream? stdin = null, Stream? stdout = null,
        bool throughLauncher = false, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo(throughLauncher ? "bash" : "dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(throughLauncher ? Launcher : HostDll);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdoutText = stdout is null ? process.StandardOutput.ReadToEndAsync() : CopyAsync(process.StandardOutput.BaseStream, stdout);
        if (stdin is not null)
        {
            await stdin.CopyToAsync(process.StandardInput.BaseStream);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"videopipe {string.Join(' ', arguments)} did not finish within 2 minutes: {await stderr}");
        }

        return new Run(process.ExitCode, await stdoutText, await stderr);
    }

    private static async Task<string> CopyAsync(Stream from, Stream to)
    {
        await from.CopyToAsync(to);
        return "";
    }
}
