using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Engine.Stages;
using VideoPipe.Reports;
using VideoPipe.Jobs;

namespace VideoPipe.Host;

/// <summary>
/// seams.json and seams.png for <c>videopipe reconstruct --seam-report</c>: the metrics stage's per-frame PSNR
/// (reconstruction vs source, scored by the engine's FrameQuality), for short inputs the PSNR against the whole-clip
/// reconstruction (<see cref="WholeClipComparison"/>), and per tile boundary both on either side.
/// Identical frames score <see cref="VideoComparison.IdenticalPsnr"/> (100 dB), as in the metrics files.
/// </summary>
internal static class SeamReport
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private static readonly JsonSerializerOptions CamelCase = new(JsonSerializerDefaults.Web);

    private const string Caption = "seams.png: per-frame PSNR (dB) of the streamed reconstruction against the source and, for short inputs, against the whole-clip reconstruction (100 dB = identical); dashed vertical lines = tile boundaries";

    /// <param name="compareWhole">Scores the streamed frames against the whole-clip reconstruction (given the frame count).</param>
    public static async Task WriteAsync(string directory, ReconstructPlan plan, WholeClipComparison whole, Func<int, Task<IReadOnlyList<double>?>> compareWhole, CancellationToken cancellationToken)
    {
        var (rule, causal, tileFrames, overlapFrames) = (plan.Card.FrameRule, plan.Streaming, plan.TileFrames, plan.OverlapFrames);
        var metricsFile = Directory.GetFiles(directory, "*.metrics.json").Single();
        var psnr = await ReadPerFramePsnrAsync(metricsFile, cancellationToken);
        var vsWhole = await compareWhole(psnr.Length);
        var boundaries = Boundaries(psnr.Length, rule, causal, tileFrames, overlapFrames);
        var mean = psnr.Length > 0 ? psnr.Average() : 0;
        var report = new
        {
            frames = psnr.Length,
            mode = causal ? "causal" : "overlap",
            tileFrames,
            overlapFrames,
            meanPsnr = mean,
            wholeClip = new
            {
                compared = vsWhole is not null,
                skippedBecause = whole.SkippedBecause,
                maxFrames = whole.MaxFrames,
                meanPsnr = vsWhole?.Average(),
                minPsnr = vsWhole?.Min(),
                identicalFrames = vsWhole?.Count(p => p >= VideoComparison.IdenticalPsnr),
            },
            boundaries = boundaries.Select(b => new
            {
                frame = b,
                psnrBefore = psnr[b - 1],
                psnrAt = psnr[b],
                dropVsMean = mean - Math.Min(psnr[b - 1], psnr[b]),
                psnrVsWholeBefore = vsWhole?[b - 1],
                psnrVsWholeAt = vsWhole?[b],
            }),
            perFrame = psnr.Select((p, i) => new { frame = i, psnr = p, psnrVsWhole = vsWhole?[i] }),
            plotLegend = Caption,
        };
        await ReportFile.WriteAtomicallyAsync(Path.Combine(directory, "seams.json"), JsonSerializer.SerializeToUtf8Bytes(report, Indented), cancellationToken);

        await LineChartPng.SaveAsync(Plot(psnr, vsWhole, boundaries, causal, tileFrames, overlapFrames), Path.Combine(directory, "seams.png"), cancellationToken);
    }

    private static LineChart Plot(double[] psnr, IReadOnlyList<double>? vsWhole, IReadOnlyList<int> boundaries, bool causal, int tileFrames, int overlapFrames)
    {
        List<ChartSeries> series = [ChartSeries.OverIndex("streamed vs source", psnr)];
        if (vsWhole is not null)
        {
            series.Add(ChartSeries.OverIndex("streamed vs whole-clip reconstruction (100 dB = identical)", vsWhole));
        }

        var tiles = tileFrames <= 0 ? "whole clip" : causal ? $"causal tiles of {tileFrames} frames" : $"tiles of {tileFrames} frames, {overlapFrames} shared";
        return new LineChart
        {
            Title = $"Per-frame PSNR of the streamed reconstruction ({tiles})",
            XLabel = "frame index",
            YLabel = "PSNR (dB)",
            Series = series,
            // Between the last frame of one tile and the first frame the next one decodes on its own.
            Markers = [new ChartMarkers("tile boundary", boundaries.Select(b => b - 0.5).ToArray())],
        };
    }

    /// <summary>Per-frame PSNR from a metrics file, deserialized from the stream (the file grows with the video).</summary>
    private static async Task<double[]> ReadPerFramePsnrAsync(string metricsFile, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(metricsFile);
        var metrics = await JsonSerializer.DeserializeAsync<MetricsFile>(file, CamelCase, cancellationToken);
        return metrics?.PerFrame?.Select(f => f.Psnr).ToArray()
            ?? throw new InvalidDataException($"{metricsFile}: no perFrame list");
    }

    private sealed record MetricsFile(IReadOnlyList<FrameMetrics>? PerFrame);

    /// <summary>First frame each tile after the first contributes on its own (where a seam can show).</summary>
    public static IReadOnlyList<int> Boundaries(int frames, FrameRule rule, bool causal, int tileFrames, int overlapFrames)
    {
        var starts = new List<int>();
        if (tileFrames <= 0)
        {
            return starts;
        }

        // Overlap tiles share their first overlapFrames with the tile before; those come from the earlier tile
        // (drop) or a blend, so the first frame decoded by the new tile alone sits overlapFrames after its start.
        for (var start = tileFrames; start < frames; start += causal ? tileFrames - rule.First : tileFrames - overlapFrames)
        {
            starts.Add(start);
        }

        return starts;
    }
}
