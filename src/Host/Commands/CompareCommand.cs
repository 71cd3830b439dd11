using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using VideoPipe.Engine.Stages;
using VideoPipe.Media;
using VideoPipe.Reports;

namespace VideoPipe.Host;

/// <summary>
/// <c>videopipe compare source reconstruction [--out dir]</c>: mean PSNR/SSIM of a reconstruction against its source
/// next to the weight-free baseline on the same frames; with --out also side-by-side.mp4 (source | reconstruction),
/// psnr.png (per-frame PSNR of both, with axes and legend) and comparison.json.
/// </summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("source") { Description = "the original video" };
        var reconstruction = new Argument<string>("reconstruction") { Description = "its reconstruction (same size)" };
        var output = new Option<string?>("--out") { Description = "folder for side-by-side.mp4, psnr.png and comparison.json" };
        var frames = new Option<int>("--frames") { Description = "compare at most this many frames from the start", DefaultValueFactory = _ => SourceComparison.DefaultMaxFrames };
        var baselineStride = new Option<int>("--baseline-stride")
        {
            Description = "the weight-free baseline keeps every this-many-th frame: 4 matches a 4x temporal latent; choose the stride that matches the compared latent's budget",
            DefaultValueFactory = _ => WeightFreeBaseline.TemporalStride,
        };
        var label = new Option<string>("--label") { Description = "the reconstruction's name in the plot and the summary", DefaultValueFactory = _ => "reconstruction" };
        var command = new Command("compare", "Score a reconstruction against its source next to the weight-free baseline; optionally write a side-by-side video and a per-frame PSNR plot.")
        {
            source, reconstruction, output, frames, baselineStride, label,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var directory = parse.GetValue(output);
            var name = parse.GetValue(label)!;
            SourceComparisonResult result;
            try
            {
                result = await SourceComparison.RunAsync(parse.GetValue(source)!, parse.GetValue(reconstruction)!, parse.GetValue(frames),
                    directory is null ? null : Path.Combine(directory, "side-by-side.mp4"), cancellationToken, parse.GetValue(baselineStride));
            }
            catch (Exception e) when (e is VideoInputException or InvalidDataException or ArgumentException or FileNotFoundException)
            {
                Console.Error.WriteLine($"videopipe compare: {e.Message}");
                return 2;
            }

            if (directory is not null)
            {
                await LineChartPng.SaveAsync(Plot(result, name), Path.Combine(directory, "psnr.png"), cancellationToken);
                var json = JsonSerializer.SerializeToUtf8Bytes(new
                {
                    label = name,
                    frames = result.Frames,
                    width = result.Width,
                    height = result.Height,
                    meanPsnr = result.MeanPsnr,
                    meanSsim = result.MeanSsim,
                    baselineStride = result.BaselineStride,
                    baselineMeanPsnr = result.BaselineMeanPsnr,
                    baselineMeanSsim = result.BaselineMeanSsim,
                    perFrame = result.Reconstruction,
                    baselinePerFrame = result.Baseline,
                }, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
                await ReportFile.WriteAtomicallyAsync(Path.Combine(directory, "comparison.json"), json, cancellationToken);
            }

            Console.WriteLine(Summary(result, name));
            if (directory is not null)
            {
                Console.WriteLine($"wrote {Path.Combine(directory, "side-by-side.mp4")}, psnr.png and comparison.json");
            }

            return 0;
        });
        return command;
    }

    private static string Summary(SourceComparisonResult result, string name)
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{result.Frames} frames {result.Width}x{result.Height}"),
            string.Create(CultureInfo.InvariantCulture, $"  {name,-48} mean PSNR {result.MeanPsnr,6:0.00} dB  mean SSIM {result.MeanSsim:0.0000}"),
        };
        lines.Add(result.BaselineMeanPsnr is { } psnr
            ? string.Create(CultureInfo.InvariantCulture, $"  {$"weight-free baseline (8x area, every {result.BaselineStride}th frame)",-48} mean PSNR {psnr,6:0.00} dB  mean SSIM {result.BaselineMeanSsim:0.0000}")
            : $"  weight-free baseline: not scored ({result.Width}x{result.Height} is not a multiple of {WeightFreeBaseline.SpatialFactor})");
        return string.Join(Environment.NewLine, lines);
    }

    private static LineChart Plot(SourceComparisonResult result, string name)
    {
        List<ChartSeries> series = [ChartSeries.OverIndex(string.Create(CultureInfo.InvariantCulture, $"{name} (mean {result.MeanPsnr:0.00} dB)"), result.Reconstruction.Select(f => f.Psnr).ToArray())];
        if (result.Baseline is { } baseline)
        {
            series.Add(ChartSeries.OverIndex(string.Create(CultureInfo.InvariantCulture, $"weight-free baseline (mean {result.BaselineMeanPsnr:0.00} dB)"), baseline.Select(f => f.Psnr).ToArray()));
        }

        return new LineChart
        {
            Title = $"Per-frame PSNR against the source ({result.Frames} frames, {result.Width}x{result.Height})",
            XLabel = "frame index",
            YLabel = "PSNR (dB)",
            Series = series,
        };
    }
}
