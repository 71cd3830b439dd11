using System.Globalization;
using VideoPipe.Bench.Media;

namespace VideoPipe.Bench.Precompute;

/// <summary>The benchmark's inputs: lavfi test videos (H.264, square, 25 fps) exactly clips × clip-frames long.</summary>
internal static class BenchVideos
{
    private static readonly string[] Sources = ["testsrc2", "mandelbrot", "smptehdbars", "rgbtestsrc", "testsrc", "life"];

    public static async Task<string> CreateAsync(string folder, BenchOptions options)
    {
        Directory.CreateDirectory(folder);
        var frames = (options.Clips * options.ClipFrames).ToString(CultureInfo.InvariantCulture);
        for (var i = 0; i < options.Videos; i++)
        {
            var source = Sources[i % Sources.Length];
            var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"v{i:D3}_{source}.mp4"));
            var lavfi = string.Create(CultureInfo.InvariantCulture, $"{source}=size={options.Size}x{options.Size}:rate=25");
            await FfmpegCli.RunAsync(["-f", "lavfi", "-i", lavfi, "-frames:v", frames, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", path]);
        }

        return folder;
    }
}
