using System.Diagnostics;
using System.Globalization;
using VideoPipe.Bench.Media;
using VideoPipe.Media;

// Decode: our reader (rgb24 frames in .NET) vs `ffmpeg -i f -pix_fmt rgb24 -f null -` on the same file.
// Encode: our writer fed from memory vs ffmpeg encoding the same raw rgb24 from a file, same settings.
// Best of `repeats` runs each; frames/s. Usage: dotnet run -c Release --project bench/VideoPipe.Bench.Media [repeats]
var repeats = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
var work = Directory.CreateTempSubdirectory("videopipe-bench-").FullName;
try
{
    Console.WriteLine("| case | ffmpeg alone (frames/s) | VideoPipe (frames/s) | ratio |");
    Console.WriteLine("|---|---:|---:|---:|");
    foreach (var (width, height, frames) in new[] { (256, 256, 1500), (1280, 720, 300) })
    {
        var source = Path.Combine(work, $"src-{width}x{height}.mp4");
        await FfmpegCli.RunAsync(["-f", "lavfi", "-i", $"testsrc2=s={width}x{height}:r=25", "-frames:v", frames.ToString(CultureInfo.InvariantCulture),
            "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", source]);

        var (ffmpegDecode, readerDecode) = await BestOfInterleavedAsync(repeats,
            () => FfmpegCli.RunAsync(["-i", source, "-pix_fmt", "rgb24", "-f", "null", "-"]),
            () => ReadAllAsync(source, VideoReadOptions.Default, frames));
        var (_, readerDecodeAccurate) = await BestOfInterleavedAsync(repeats,
            () => Task.FromResult(TimeSpan.MaxValue),
            () => ReadAllAsync(source, new VideoReadOptions { ScalerFlags = "bicubic+accurate_rnd+full_chroma_int" }, frames));
        Report($"decode h264 {width}x{height} → rgb24 (default ScalerFlags=bicubic, as the ffmpeg CLI)", frames, ffmpegDecode, readerDecode);
        Report($"decode h264 {width}x{height} → rgb24 (ScalerFlags=bicubic+accurate_rnd+full_chroma_int)", frames, ffmpegDecode, readerDecodeAccurate);

        var encodeFrames = Math.Min(frames, 150);
        var raw = Path.Combine(work, $"raw-{width}x{height}.rgb");
        await FfmpegCli.RunAsync(["-i", source, "-frames:v", encodeFrames.ToString(CultureInfo.InvariantCulture), "-f", "rawvideo", "-pix_fmt", "rgb24", raw]);
        var rawFrames = await LoadFramesAsync(raw, width * height * 3);
        foreach (var (label, options, ffmpegEncoding) in new (string, VideoWriteOptions, string[])[]
        {
            ("libx264 veryfast crf 18 yuv420p", new VideoWriteOptions { Width = width, Height = height, FrameRate = new Rational(25, 1), Preset = "veryfast" },
                ["-filter:v", "scale=out_color_matrix=bt709:out_range=limited,format=yuv420p", "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p", "-f", "mp4"]),
            ("ffv1 lossless", new VideoWriteOptions { Width = width, Height = height, FrameRate = new Rational(25, 1), Encoding = VideoEncoding.LosslessFfv1 },
                ["-c:v", "ffv1", "-level", "3", "-pix_fmt", "bgr0", "-f", "matroska"]),
        })
        {
            var target = Path.Combine(work, "out.bin");
            var (ffmpegEncode, writerEncode) = await BestOfInterleavedAsync(repeats,
                () => FfmpegCli.RunAsync(["-f", "rawvideo", "-pix_fmt", "rgb24", "-video_size", $"{width}x{height}", "-framerate", "25", "-i", raw, .. ffmpegEncoding, target]),
                () => WriteAllAsync(Path.Combine(work, options.Encoding == VideoEncoding.H264 ? "out.mp4" : "out.mkv"), options, rawFrames));
            Report($"encode {width}x{height} {label}", encodeFrames, ffmpegEncode, writerEncode);
        }
    }
}
finally
{
    Directory.Delete(work, recursive: true);
}

// Alternating the two sides makes them share whatever else the machine is doing.
static async Task<(TimeSpan First, TimeSpan Second)> BestOfInterleavedAsync(int repeats, Func<Task<TimeSpan>> first, Func<Task<TimeSpan>> second)
{
    var (bestFirst, bestSecond) = (TimeSpan.MaxValue, TimeSpan.MaxValue);
    for (var i = 0; i < repeats; i++)
    {
        var a = await first();
        var b = await second();
        (bestFirst, bestSecond) = (a < bestFirst ? a : bestFirst, b < bestSecond ? b : bestSecond);
    }

    return (bestFirst, bestSecond);
}

static async Task<TimeSpan> ReadAllAsync(string path, VideoReadOptions options, int expectedFrames)
{
    var stopwatch = Stopwatch.StartNew();
    var count = 0;
    await foreach (var block in new VideoReader().ReadAsync(path, options))
    {
        count += block.Count;
        block.Dispose();
    }

    stopwatch.Stop();
    return count == expectedFrames ? stopwatch.Elapsed : throw new InvalidOperationException($"read {count} frames, expected {expectedFrames}");
}

static async Task<TimeSpan> WriteAllAsync(string path, VideoWriteOptions options, IReadOnlyList<byte[]> frames)
{
    var stopwatch = Stopwatch.StartNew();
    await using var writer = VideoWriter.Create(path, options);
    foreach (var frame in frames)
    {
        await writer.WriteAsync(frame);
    }

    await writer.CompleteAsync();
    stopwatch.Stop();
    return stopwatch.Elapsed;
}

static async Task<IReadOnlyList<byte[]>> LoadFramesAsync(string raw, int frameBytes)
{
    var bytes = await File.ReadAllBytesAsync(raw);
    return Enumerable.Range(0, bytes.Length / frameBytes).Select(i => bytes.AsSpan(i * frameBytes, frameBytes).ToArray()).ToList();
}

static void Report(string label, int frames, TimeSpan ffmpeg, TimeSpan ours) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {label} | {frames / ffmpeg.TotalSeconds:0.0} | {frames / ours.TotalSeconds:0.0} | {ffmpeg.TotalSeconds / ours.TotalSeconds:0.00} |"));
