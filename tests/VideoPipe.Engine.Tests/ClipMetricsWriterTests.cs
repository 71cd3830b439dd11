using System.Text.Json;
using VideoPipe.Engine.Stages;
using Xunit;

namespace VideoPipe.Engine.Tests;

public class ClipMetricsWriterTests
{
    [Fact]
    public void CompletePublishesPerFrameEntriesAndTheClipMeans()
    {
        using var temp = new TempDirectory();
        var path = temp.File("clip.metrics.json");
        ClipSummary summary;
        using (var writer = new ClipMetricsWriter(path, "clip", "/videos/clip.mp4"))
        {
            writer.Add(0, psnr: 30, ssim: 0.9, mse: 65.025);
            writer.Add(1, psnr: 40, ssim: 0.7, mse: 6.5025);
            Assert.False(File.Exists(path));
            summary = writer.Complete();
        }

        Assert.Equal(new ClipSummary("clip", 2, 35, 0.8), summary with { Ssim = Math.Round(summary.Ssim, 12) });
        Assert.Equal([path], Directory.GetFiles(temp.Path));
        var json = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        Assert.Equal("clip", json.GetProperty("item").GetString());
        Assert.Equal("/videos/clip.mp4", json.GetProperty("source").GetString());
        Assert.Equal(2, json.GetProperty("frames").GetInt32());
        Assert.Equal(35, json.GetProperty("psnr").GetDouble(), 12);
        Assert.Equal(0.8, json.GetProperty("ssim").GetDouble(), 12);
        // Mean MSE 35.76375 -> 10 log10(255^2 / 35.76375) dB.
        Assert.Equal(10 * Math.Log10(255.0 * 255.0 / 35.76375), json.GetProperty("psnrOfMeanMse").GetDouble(), 9);
        var perFrame = json.GetProperty("perFrame").EnumerateArray()
            .Select(f => (f.GetProperty("index").GetInt64(), f.GetProperty("psnr").GetDouble(), f.GetProperty("ssim").GetDouble()))
            .ToList();
        Assert.Equal([(0L, 30.0, 0.9), (1L, 40.0, 0.7)], perFrame);
    }

    [Fact]
    public void IdenticalFramesScoreTheCappedPsnr()
    {
        using var temp = new TempDirectory();
        var path = temp.File("same.metrics.json");
        using (var writer = new ClipMetricsWriter(path, "same", "same.mp4"))
        {
            writer.Add(0, FrameQuality.MaxPsnr, 1, 0);
            writer.Complete();
        }

        Assert.Equal(FrameQuality.MaxPsnr, JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("psnrOfMeanMse").GetDouble());
    }

    [Fact]
    public void AClipThatDoesNotCompleteLeavesNoFile()
    {
        using var temp = new TempDirectory();
        using (var writer = new ClipMetricsWriter(temp.File("cut.metrics.json"), "cut", "cut.mp4"))
        {
            writer.Add(0, 30, 0.9, 65);
        }

        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void AClipWithoutFramesIsAnErrorNamingIt()
    {
        using var temp = new TempDirectory();
        using var writer = new ClipMetricsWriter(temp.File("empty.metrics.json"), "empty", "empty.mp4");
        var error = Assert.Throws<InvalidOperationException>(() => writer.Complete());
        Assert.Contains("'empty'", error.Message);
    }

    [Fact]
    public void PerFrameEntriesAreNotKeptInMemory()
    {
        using var temp = new TempDirectory();
        using var writer = new ClipMetricsWriter(temp.File("long.metrics.json"), "long", "long.mp4");
        writer.Add(0, 30, 0.9, 65);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 1; i <= 200_000; i++)
        {
            writer.Add(i, 30 + (i % 7), 0.9, 65);
        }

        var grown = GC.GetTotalMemory(forceFullCollection: true) - before;
        // 200,000 kept entries would be several MiB; what stays is the writer's flush buffer.
        Assert.InRange(grown, long.MinValue, 1 << 20);
        Assert.Equal(200_001, writer.Complete().Frames);
    }
}
