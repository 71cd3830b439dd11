using System.Diagnostics;
using VideoPipe.Jobs.Training;

namespace VideoPipe.Training.Tests.Jobs;

[Collection(TrainingCollection.Name)]
public sealed class VideoDataTests : IDisposable
{
    private readonly TrainingRuns runs = new();

    public void Dispose() => runs.Dispose();

    [Fact]
    public void UnreadableVideosAreQuarantinedAndTrainingGoesOn()
    {
        var folder = Path.Combine(runs.Root, "videos");
        Directory.CreateDirectory(folder);
        MakeVideo(Path.Combine(folder, "a_testsrc.mp4"), "testsrc2=size=40x32:rate=16", 14);
        File.WriteAllBytes(Path.Combine(folder, "b_corrupt.mp4"), RandomBytes(20_000));
        File.WriteAllBytes(Path.Combine(folder, "c_empty.mp4"), []);
        MakeVideo(Path.Combine(folder, "d_held_out.mkv"), "mandelbrot=size=32x40:rate=16", 6);

        var outcome = runs.Start("videos", ["data.source=videos", $"data.folders=[\"{folder}\"]", "data.frame_strides=[1,2,3]", "steps=4"]);

        Assert.Equal(TrainingOutcome.Completed, outcome);
        var quarantined = File.ReadAllLines(new TrainingRunDirectory(runs.RunDirectory("videos")).QuarantinePath);
        Assert.NotEmpty(quarantined);
        Assert.All(quarantined, line => Assert.Matches("(b_corrupt|c_empty)\\.mp4.*reason", line));
        Assert.Equal(4, runs.Metrics("videos").Count(r => r.ContainsKey("loss")));
    }

    [Fact]
    public void EvalFoldersHoldOutTheirOwnVideosAndTrainingUsesEveryDataFile()
    {
        var train = Path.Combine(runs.Root, "train");
        var eval = Path.Combine(runs.Root, "eval");
        Directory.CreateDirectory(train);
        Directory.CreateDirectory(eval);
        MakeVideo(Path.Combine(train, "only.mp4"), "testsrc2=size=40x32:rate=16", 8);
        MakeVideo(Path.Combine(eval, "held_out.mp4"), "mandelbrot=size=32x40:rate=16", 8);

        // one training file: without eval.folders it would all be held out and the run refused
        var outcome = runs.Start("eval-folders", ["data.source=videos", $"data.folders=[\"{train}\"]", $"eval.folders=[\"{eval}\"]", "eval.clips=1", "eval.every=2", "steps=2"]);

        Assert.Equal(TrainingOutcome.Completed, outcome);
        Assert.Contains(runs.Metrics("eval-folders"), r => r.ContainsKey("eval_psnr"));
        Assert.Throws<TrainingConfigException>(() => runs.Start("missing-eval", ["data.source=videos", $"data.folders=[\"{train}\"]", $"eval.folders=[\"{Path.Combine(runs.Root, "nowhere")}\"]", "steps=1"]));
    }

    [Fact]
    public async Task TheDecodedVideoCacheGivesTheSameClipsAsReadingEachClip()
    {
        var folder = Path.Combine(runs.Root, "cache");
        Directory.CreateDirectory(folder);
        MakeVideo(Path.Combine(folder, "a.mp4"), "testsrc2=size=48x40:rate=16", 30);
        MakeVideo(Path.Combine(folder, "b.mp4"), "mandelbrot=size=40x48:rate=16", 25);
        DataOptions Data(int cacheMb) => new() { Source = DataOptions.Videos, Folders = [folder], Frames = 5, Size = 16, ShorterSide = 24, FrameStrides = [1, 2, 3], CacheMb = cacheMb };
        var eval = new EvalOptions { Folders = [folder], Clips = 1 };
        var quarantine = new QuarantineLog(Path.Combine(runs.Root, "cache-quarantine.jsonl"));
        var cached = new VideoClipSource(Data(64), eval, quarantine, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var uncached = new VideoClipSource(Data(0), eval, quarantine, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var (first, second) = (new Random(9), new Random(9));

        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(await uncached.TrainingClipAsync(first, CancellationToken.None), await cached.TrainingClipAsync(second, CancellationToken.None));
        }
    }

    [Fact]
    public void ClipsAreCutAsConfigured()
    {
        // a 4x2 frame whose pixel value is its column; a 2x2 crop at the far end, flipped
        byte[] frame = [.. Enumerable.Range(0, 2).SelectMany(_ => Enumerable.Range(0, 4).SelectMany(x => new[] { (byte)(x * 10), (byte)0, (byte)0 }))];
        var clip = ClipCrop.ToClip([frame], width: 4, height: 2, size: 2, cropFraction: 1.0, flip: true);
        Assert.Equal(new[] { 30 / 127.5f - 1, 20 / 127.5f - 1 }, clip[..2]);
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(1234).NextBytes(bytes);
        return bytes;
    }

    private static void MakeVideo(string path, string source, int frames)
    {
        using var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", source, "-frames:v", frames.ToString(System.Globalization.CultureInfo.InvariantCulture), "-pix_fmt", "yuv420p", path]) { RedirectStandardError = true })!;
        var errors = ffmpeg.StandardError.ReadToEnd();
        ffmpeg.WaitForExit();
        Assert.True(ffmpeg.ExitCode == 0, $"ffmpeg failed: {errors}");
    }
}
