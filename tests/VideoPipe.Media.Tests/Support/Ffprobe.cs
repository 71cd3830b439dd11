using System.Diagnostics;

namespace VideoPipe.Media.Tests.Support;

/// <summary>Runs the ffprobe CLI, the reference the in-process prober is held to.</summary>
internal static class Ffprobe
{
    public sealed record Result(int ExitCode, string Output, string Errors);

    public static async Task<Result> RunAsync(byte[]? input, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("ffprobe")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-hide_banner", "-v", "error", .. arguments])
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var feed = Task.Run(async () =>
        {
            try
            {
                if (input is not null)
                {
                    await process.StandardInput.BaseStream.WriteAsync(input);
                }

                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // ffprobe had read enough.
            }
        });
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await feed;
        return new Result(process.ExitCode, await output, await errors);
    }

    /// <summary>`-print_format json -show_streams -show_format`, what the prober's JSON mirrors.</summary>
    public static Task<Result> DescribeAsync(string url, byte[]? input = null) =>
        RunAsync(input, "-print_format", "json", "-show_streams", "-show_format", url);
}
