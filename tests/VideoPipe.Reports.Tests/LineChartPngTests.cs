using SkiaSharp;

namespace VideoPipe.Reports.Tests;

public sealed class LineChartPngTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"videopipe-reports-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task SavesAPngThatDecodesAtTheRequestedSize()
    {
        var path = Path.Combine(directory, "nested", "loss.png");

        await LineChartPng.SaveAsync(Chart() with { Width = 640, Height = 360 }, path, CancellationToken.None);

        using var bitmap = SKBitmap.Decode(path);
        Assert.NotNull(bitmap);
        Assert.Equal((640, 360), (bitmap.Width, bitmap.Height));
        Assert.Equal(["loss.png"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ReplacesAnExistingFileWholeAndLeavesNoTemporaryFile()
    {
        var path = Path.Combine(directory, "loss.png");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(path, "old content");

        await LineChartPng.SaveAsync(Chart(), path, CancellationToken.None);

        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal((LineChart.DefaultWidth, LineChart.DefaultHeight), (bitmap.Width, bitmap.Height));
        Assert.Single(Directory.GetFiles(directory));
    }

    [Fact]
    public async Task ACancelledSaveLeavesNothingBehind()
    {
        var path = Path.Combine(directory, "loss.png");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => LineChartPng.SaveAsync(Chart(), path, new CancellationToken(canceled: true)));

        Assert.Empty(Directory.GetFiles(directory));
    }

    [Fact]
    public void MarkersAreDrawnInTheirOwnColour()
    {
        var withMarkers = Chart() with { Markers = [new ChartMarkers("tile boundary", [3.5, 7.5])] };

        Assert.Equal(0, CountPixels(LineChartPng.Render(Chart()), IsMarkerRed));
        // Two dashed lines over the plot's height and the legend's sample: well over a hundred pixels.
        Assert.InRange(CountPixels(LineChartPng.Render(withMarkers), IsMarkerRed), 100, int.MaxValue);
    }

    [Fact]
    public void RenderingIsDeterministic() => Assert.Equal(LineChartPng.Render(Chart()), LineChartPng.Render(Chart()));

    [Fact]
    public void SeriesOverIndexCountsFromZero() =>
        Assert.Equal([0.0, 1, 2], ChartSeries.OverIndex("psnr", [30, 31, 32]).X);

    [Theory]
    [InlineData("mismatch", "series 'train': 3 x values but 2 y values")]
    [InlineData("empty", "series 'train': no points")]
    [InlineData("nan", "series 'train' y[1] is NaN")]
    [InlineData("no series", "no series to draw")]
    [InlineData("no title", "Title is empty")]
    [InlineData("tiny", "10x10 pixels is too small")]
    public void BadChartsAreRefusedNamingTheItemAndTheReason(string defect, string message)
    {
        var chart = defect switch
        {
            "mismatch" => Chart() with { Series = [new ChartSeries("train", [0, 1, 2], [1, 2])] },
            "empty" => Chart() with { Series = [new ChartSeries("train", [], [])] },
            "nan" => Chart() with { Series = [new ChartSeries("train", [0, 1], [1, double.NaN])] },
            "no series" => Chart() with { Series = [] },
            "no title" => Chart() with { Title = " " },
            "tiny" => Chart() with { Width = 10, Height = 10 },
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };

        var error = Assert.Throws<ArgumentException>(() => LineChartPng.Render(chart));
        Assert.Contains(message, error.Message);
    }

    private static LineChart Chart() => new()
    {
        Title = "training loss",
        XLabel = "step",
        YLabel = "loss (L1, per pixel)",
        Series =
        [
            ChartSeries.OverIndex("train", [1.0, 0.8, 0.7, 0.55, 0.5, 0.45, 0.43, 0.4, 0.38, 0.37]),
            new ChartSeries("eval", [0, 5, 9], [1.1, 0.6, 0.45]),
        ],
    };

    private static bool IsMarkerRed(SKColor c) => c.Red > 200 && c.Green < 80 && c.Blue < 80;

    private static int CountPixels(byte[] png, Func<SKColor, bool> predicate)
    {
        using var bitmap = SKBitmap.Decode(png);
        var count = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                count += predicate(bitmap.GetPixel(x, y)) ? 1 : 0;
            }
        }

        return count;
    }
}
