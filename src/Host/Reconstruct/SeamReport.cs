using System.Text.Json;
using VideoPipe.Abstractions;

namespace VideoPipe.Host;

/// <summary>
/// seams.json and seams.png for <c>videopipe reconstruct --seam-report</c>: the metrics stage's per-frame PSNR
/// (reconstruction vs source, scored by the engine's FrameQuality) and, per tile boundary, the PSNR on either side.
/// </summary>
internal static class SeamReport
{
    public static void Write(string directory, FrameRule rule, bool causal, int tileFrames, int overlapFrames)
    {
        var metricsFile = Directory.GetFiles(directory, "*.metrics.json").Single();
        using var metrics = JsonDocument.Parse(File.ReadAllText(metricsFile));
        var psnr = metrics.RootElement.GetProperty("perFrame").EnumerateArray().Select(f => f.GetProperty("psnr").GetDouble()).ToArray();
        var boundaries = Boundaries(psnr.Length, rule, causal, tileFrames, overlapFrames);
        var mean = psnr.Length > 0 ? psnr.Average() : 0;
        var report = new
        {
            frames = psnr.Length,
            mode = causal ? "causal" : "overlap",
            tileFrames,
            overlapFrames,
            meanPsnr = mean,
            boundaries = boundaries.Select(b => new
            {
                frame = b,
                psnrBefore = psnr[b - 1],
                psnrAt = psnr[b],
                dropVsMean = mean - Math.Min(psnr[b - 1], psnr[b]),
            }),
            perFrame = psnr,
        };
        File.WriteAllText(Path.Combine(directory, "seams.json"), JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        File.WriteAllBytes(Path.Combine(directory, "seams.png"), PsnrPlot.Render(psnr, boundaries));
    }

    /// <summary>First frame of every tile after the first (where a seam can show).</summary>
    public static IReadOnlyList<int> Boundaries(int frames, FrameRule rule, bool causal, int tileFrames, int overlapFrames)
    {
        var starts = new List<int>();
        if (tileFrames <= 0)
        {
            return starts;
        }

        for (var start = causal ? tileFrames : tileFrames - overlapFrames; start < frames; start += causal ? tileFrames - rule.First : tileFrames - overlapFrames)
        {
            starts.Add(start);
        }

        return starts;
    }
}
