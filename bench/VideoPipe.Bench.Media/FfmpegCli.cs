using System.Diagnostics;

namespace VideoPipe.Bench.Media;

/// <summary>Runs ffmpeg to completion, optionally feeding a file to its stdin, discarding what it writes to stdout.</summary>
internal static class FfmpegCli
{
    public static async Task RunAsync(IEnumerable<string> arguments, string? stdinFile = null)
    {
        var startInfo = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardInput = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["-hide_banner", "-nostdin", "-loglevel", "error", "-y", .. arguments])
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("ffmpeg did not start");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        if (stdinFile is not null)
        {
            await using var input = File.OpenRead(stdinFile);
            await input.CopyToAsync(process.StandardInput.BaseStream);
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync();
        await output;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg {string.Join(' ', arguments)} failed: {await errors}");
        }
    }
}
