using System.Text.Json;
using SkiaSharp;
using VideoPipe.Host;
using VideoPipe.Reports;
using VideoPipe.Tests.Shared;

namespace VideoPipe.Engine.Tests;

/// <summary>
/// <c>videopipe reconstruct --seam-report</c> with the real IV-VAE plugin in the tiny configuration of
/// shared/goldens/ivvae/case1: boundaries where the causal tiles start, and, because IV-VAE streams exactly, the
/// streamed reconstruction equal to the whole-clip one (rounding to uint8 may move a rare value by one grey level).
/// </summary>
public sealed class SeamReportTests : IDisposable
{
    private const int Frames = 21;

    /// <summary>One value off by one grey level in a 32x24 frame scores 81.8 dB; a frame with every value off by one, 48.1 dB.</summary>
    private const double NearlyIdenticalPsnr = 60;

    private readonly TempDirectory temp = new();
    private readonly string goldenCase = Repository.GoldenCase("ivvae", "case1");

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task StreamedReconstructionMatchesTheWholeClipAtEveryFrameAndBoundary()
    {
        var seams = await Reconstruct();

        var whole = seams.GetProperty("wholeClip");
        Assert.True(whole.GetProperty("compared").GetBoolean(), whole.GetProperty("skippedBecause").ToString());
        Assert.Equal([9, 17], seams.GetProperty("boundaries").EnumerateArray().Select(b => b.GetProperty("frame").GetInt32()));
        foreach (var boundary in seams.GetProperty("boundaries").EnumerateArray())
        {
            Assert.InRange(boundary.GetProperty("psnrVsWholeBefore").GetDouble(), NearlyIdenticalPsnr, 100);
            Assert.InRange(boundary.GetProperty("psnrVsWholeAt").GetDouble(), NearlyIdenticalPsnr, 100);
        }

        var perFrame = seams.GetProperty("perFrame").EnumerateArray().ToList();
        Assert.Equal(Frames, perFrame.Count);
        Assert.All(perFrame, f => Assert.InRange(f.GetProperty("psnrVsWhole").GetDouble(), NearlyIdenticalPsnr, 100));
        // The reconstruction itself is not the source: random tiny weights, so its PSNR against the source is low.
        Assert.All(perFrame, f => Assert.InRange(f.GetProperty("psnr").GetDouble(), 0, 40));
        Assert.Equal(whole.GetProperty("identicalFrames").GetInt32(), perFrame.Count(f => f.GetProperty("psnrVsWhole").GetDouble() == 100));
        using var png = SKBitmap.Decode(temp.File("seams/seams.png"));
        Assert.Equal((LineChart.DefaultWidth, LineChart.DefaultHeight), (png.Width, png.Height));
    }

    [Fact]
    public async Task InputsLongerThanTheLimitSkipTheWholeClipComparisonAndSayWhy()
    {
        var seams = await Reconstruct("--seam-whole-max-frames", "8");

        var whole = seams.GetProperty("wholeClip");
        Assert.False(whole.GetProperty("compared").GetBoolean());
        Assert.Contains($"{Frames} frames > --seam-whole-max-frames 8", whole.GetProperty("skippedBecause").GetString());
        Assert.All(seams.GetProperty("perFrame").EnumerateArray(), f => Assert.Equal(JsonValueKind.Null, f.GetProperty("psnrVsWhole").ValueKind));
        Assert.Equal(2, seams.GetProperty("boundaries").GetArrayLength());
    }

    private async Task<JsonElement> Reconstruct(params string[] extra)
    {
        var input = TestVideos.Generate(temp.File("in"), "clip.mp4", 32, 24, Frames);
        var code = await CliApplication.RunAsync(
        [
            "reconstruct", input, temp.File("out/clip.mp4"), "--tokenizer", "ivvae",
            "--config", Path.Combine(goldenCase, "case.json"), "--weights", Path.Combine(goldenCase, "weights.safetensors"),
            "--tile-frames", "9", "--seam-report", temp.File("seams"), .. extra,
        ]);

        Assert.Equal(0, code);
        Assert.True(File.Exists(temp.File("out/clip.mp4")));
        return JsonDocument.Parse(await File.ReadAllTextAsync(temp.File("seams/seams.json"))).RootElement;
    }
}
