using System.Text;
using Microsoft.Extensions.Logging;

namespace VideoPipe.Media.Processes;

/// <summary>Runs a short-lived tool to completion and captures its stdout as text and its stderr tail.</summary>
internal static class ToolRun
{
    public sealed record Result(int ExitCode, string Output, string ErrorTail);

    /// <summary>Runs the tool; <paramref name="input"/>, when given, is written to its stdin and stdin is then closed.</summary>
    public static async Task<Result> CaptureAsync(string executable, IEnumerable<string> arguments, ReadOnlyMemory<byte>? input, ILogger logger, CancellationToken cancellationToken)
    {
        await using var process = ToolProcess.Start(executable, arguments, logger);
        using var killOnCancel = cancellationToken.Register(process.Kill);
        var feed = FeedAsync(process, input);
        using var reader = new StreamReader(process.StandardOutput, Encoding.UTF8, leaveOpen: true);
        var output = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        var exitCode = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await feed.ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return new Result(exitCode, output, process.Tail.ToString());
    }

    private static async Task FeedAsync(ToolProcess process, ReadOnlyMemory<byte>? input)
    {
        try
        {
            if (input is { } bytes)
            {
                await process.StandardInput.WriteAsync(bytes).ConfigureAwait(false);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The tool stopped reading early (it had seen enough); that is not an error.
        }
    }
}
