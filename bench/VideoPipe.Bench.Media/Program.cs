using System.Globalization;
using VideoPipe.Bench.Media;
using VideoPipe.Media;

// Decode: our reader (rgb24 frames in .NET, probe included) vs `ffmpeg -i f -pix_fmt rgb24 -f null -` on the same file.
// Encode: our writer fed from memory vs ffmpeg encoding the same raw rgb24 from a file, same settings.
// Clips are long enough (about 3 s of ffmpeg-alone decoding on an idle 2-core machine) that start costs do not dominate.
// Best of `repeats` runs each, sides interleaved; frames/s from wall time, and CPU (user + sys of this process and its
// ffmpeg/ffprobe children) per frame, which stays meaningful on a loaded machine.
// Usage: dotnet run -c Release --project bench/VideoPipe.Bench.Media -- [repeats] [only cases whose label contains this]
var repeats = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
var only = args.Length > 1 ? args[1] : "";
var work = Directory.CreateTempSubdirectory("videopipe-bench-").FullName;
try
{
    Console.WriteLine("| case | frames | ffmpeg alone (frames/s) | VideoPipe (frames/s) | ratio | ffmpeg alone CPU (ms/frame) | VideoPipe CPU (ms/frame) | CPU ratio | VideoPipe managed alloc (B/frame) |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var (width, height, frames, encodeFrames) in new[] { (256, 256, 10_000, 750), (1280, 720, 1_750, 150) })
    {
        var source = Path.Combine(work, $"src-{width}x{height}.mp4");
        await MakeSourceAsync(source, width, height, frames);

        var accurateFrames = frames / 5;
        foreach (var (label, options, count) in new (string, VideoReadOptions, int)[]
        {
            ($"decode h264 {width}x{height} → rgb24 (default ScalerFlags=bicubic, as the ffmpeg CLI)", VideoReadOptions.Default, frames),
            // Same frames, but pts come from the fps grid (no per-frame showinfo).
            ($"decode h264 {width}x{height} → rgb24 (TargetFrameRate=25 = the source's, pts on the fps grid)", new VideoReadOptions { TargetFrameRate = new Rational(25, 1) }, frames),
            // Informational: up to 7x slower than the default at 720p, so only a fifth of the clip; ffmpeg alone keeps its default.
            ($"decode h264 {width}x{height} → rgb24 (ScalerFlags=bicubic+accurate_rnd+full_chroma_int, first {accurateFrames} frames)",
                new VideoReadOptions { ScalerFlags = "bicubic+accurate_rnd+full_chroma_int", MaxFrames = accurateFrames }, accurateFrames),
        })
        {
            if (label.Contains(only, StringComparison.Ordinal))
            {
                var (ffmpegDecode, readerDecode) = await BestOfInterleavedAsync(repeats,
                    () => FfmpegCli.RunAsync(["-i", source, "-frames:v", count.ToString(CultureInfo.InvariantCulture), "-pix_fmt", "rgb24", "-f", "null", "-"]),
                    () => ReadAllAsync(source, options, count));
                Report(label, count, ffmpegDecode, readerDecode);
            }
        }

        var encodeCases = new (string Label, VideoWriteOptions Options, string[] FfmpegEncoding)[]
        {
            ($"encode {width}x{height} libx264 veryfast crf 18 yuv420p", new VideoWriteOptions { Width = width, Height = height, FrameRate = new Rational(25, 1), Preset = "veryfast" },
                ["-filter:v", "scale=out_color_matrix=bt709:out_range=limited,format=yuv420p", "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p", "-f", "mp4"]),
            ($"encode {width}x{height} ffv1 lossless", new VideoWriteOptions { Width = width, Height = height, FrameRate = new Rational(25, 1), Encoding = VideoEncoding.LosslessFfv1 },
                ["-c:v", "ffv1", "-level", "3", "-pix_fmt", "bgr0", "-f", "matroska"]),
        }.Where(c => c.Label.Contains(only, StringComparison.Ordinal)).ToList();
        if (encodeCases.Count == 0)
        {
            continue;
        }

        var raw = Path.Combine(work, $"raw-{width}x{height}.rgb");
        await FfmpegCli.RunAsync(["-i", source, "-frames:v", encodeFrames.ToString(CultureInfo.InvariantCulture), "-f", "rawvideo", "-pix_fmt", "rgb24", raw]);
        var rawFrames = await LoadFramesAsync(raw, width * height * 3);
        foreach (var (label, options, ffmpegEncoding) in encodeCases)
        {
            var target = Path.Combine(work, "out.bin");
            var (ffmpegEncode, writerEncode) = await BestOfInterleavedAsync(repeats,
                () => FfmpegCli.RunAsync(["-f", "rawvideo", "-pix_fmt", "rgb24", "-video_size", $"{width}x{height}", "-framerate", "25", "-i", raw, .. ffmpegEncoding, target]),
                () => WriteAllAsync(Path.Combine(work, options.Encoding == VideoEncoding.H264 ? "out.mp4" : "out.mkv"), options, rawFrames));
            Report(label, encodeFrames, ffmpegEncode, writerEncode);
        }

        File.Delete(raw);
    }
}
finally
{
    Directory.Delete(work, recursive: true);
}

// x264 is slow to encode a long clip, so encode a 10 s loop and repeat it (stream copy) up to the wanted length.
static async Task MakeSourceAsync(string path, int width, int height, int frames)
{
    const int loopFrames = 250;
    var loop = Path.ChangeExtension(path, ".loop.mp4");
    await FfmpegCli.RunAsync(["-f", "lavfi", "-i", $"testsrc2=s={width}x{height}:r=25", "-frames:v", loopFrames.ToString(CultureInfo.InvariantCulture),
        "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", loop]);
    await FfmpegCli.RunAsync(["-stream_loop", (frames / loopFrames - 1).ToString(CultureInfo.InvariantCulture), "-i", loop, "-c", "copy", path]);
    File.Delete(loop);
}

// Alternating the two sides makes them share whatever else the machine is doing.
static async Task<(Sample First, Sample Second)> BestOfInterleavedAsync(int repeats, Func<Task> first, Func<Task> second)
{
    var (bestFirst, bestSecond) = (Sample.None, Sample.None);
    for (var i = 0; i < repeats; i++)
    {
        bestFirst = bestFirst.BestWith(await Sample.MeasureAsync(first));
        bestSecond = bestSecond.BestWith(await Sample.MeasureAsync(second));
    }

    return (bestFirst, bestSecond);
}

static async Task ReadAllAsync(string path, VideoReadOptions options, int expectedFrames)
{
    var count = 0;
    await foreach (var block in new VideoReader().ReadAsync(path, options))
    {
        count += block.Count;
        block.Dispose();
    }

    if (count != expectedFrames)
    {
        throw new InvalidOperationException($"read {count} frames, expected {expectedFrames}");
    }
}

static async Task WriteAllAsync(string path, VideoWriteOptions options, IReadOnlyList<byte[]> frames)
{
    await using var writer = VideoWriter.Create(path, options);
    foreach (var frame in frames)
    {
        await writer.WriteAsync(frame);
    }

    await writer.CompleteAsync();
}

static async Task<IReadOnlyList<byte[]>> LoadFramesAsync(string raw, int frameBytes)
{
    var bytes = await File.ReadAllBytesAsync(raw);
    return Enumerable.Range(0, bytes.Length / frameBytes).Select(i => bytes.AsSpan(i * frameBytes, frameBytes).ToArray()).ToList();
}

static void Report(string label, int frames, Sample ffmpeg, Sample ours) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {label} | {frames} | {frames / ffmpeg.Wall.TotalSeconds:0.0} | {frames / ours.Wall.TotalSeconds:0.0} | {ffmpeg.Wall.TotalSeconds / ours.Wall.TotalSeconds:0.00} " +
        $"| {ffmpeg.Cpu.TotalMilliseconds / frames:0.000} | {ours.Cpu.TotalMilliseconds / frames:0.000} | {ffmpeg.Cpu.TotalSeconds / ours.Cpu.TotalSeconds:0.00} | {ours.AllocatedBytes / frames} |"));
