using System.Diagnostics;
using VideoPipe.Media;

namespace VideoPipe.Engine.Tests;

/// <summary>Small videos generated with ffmpeg's lavfi sources (deterministic content).</summary>
internal static class TestVideos
{
    /// <summary>How many frames ffmpeg decodes from a video file.</summary>
    public static async Task<int> CountFramesAsync(string path)
    {
        var frames = 0;
        await foreach (var block in new VideoReader().ReadAsync(path))
        {
            using (block)
            {
                frames += block.Count;
            }
        }

        return frames;
    }

    public static string Generate(string directory, string name, int width, int height, int frames, int rate = 10, string pattern = "testsrc2")
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        var info = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var arg in new[] { "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", $"{pattern}=size={width}x{height}:rate={rate}", "-frames:v", frames.ToString(), "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "10", path })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg failed to generate {path}: {errors}");
        }

        return path;
    }
}
