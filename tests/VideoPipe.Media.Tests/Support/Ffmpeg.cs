using System.Diagnostics;

namespace VideoPipe.Media.Tests.Support;

/// <summary>Runs the ffmpeg CLI directly, to make test inputs and to get reference output independent of our reader.</summary>
internal static class Ffmpeg
{
    public static async Task RunAsync(params string[] arguments) => await CaptureAsync(arguments);

    /// <summary>Runs ffmpeg and returns everything it wrote to stdout; fails the test on a non-zero exit.</summary>
    public static async Task<byte[]> CaptureAsync(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-hide_banner", "-nostdin", "-loglevel", "error", "-y", .. arguments])
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        process.StandardInput.Close();
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await copy;
        Assert.True(process.ExitCode == 0, $"ffmpeg {string.Join(' ', arguments)} failed:\n{await errors}");
        return output.ToArray();
    }
}
