using Microsoft.Extensions.Logging;
using ScottPlot;
using VideoPipe.Engine.Stages;

namespace VideoPipe.Jobs.Training;

/// <summary>curves.png: the training loss over steps (left axis) and the eval PSNR (right axis), from metrics.jsonl.</summary>
public static class TrainingCurves
{
    /// <summary>Draws the chart; a failure (e.g. no font) is logged, never fails the run.</summary>
    public static void TryWrite(TrainingRunDirectory run, MetricsLog metrics, ILogger logger)
    {
        try
        {
            Write(run.CurvesPath, metrics);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning("Could not draw {Path}: {Reason}", run.CurvesPath, e.Message);
        }
    }

    public static void Write(string path, MetricsLog metrics)
    {
        var rows = metrics.ReadRows().ToList();
        var loss = rows.Where(r => r.Values.ContainsKey("loss")).ToList();
        var eval = rows.Where(r => r.Values.ContainsKey("eval_psnr")).ToList();
        var plot = new Plot();
        plot.Title("Training");
        plot.XLabel("step");
        plot.YLabel("loss");
        if (loss.Count > 0)
        {
            var curve = plot.Add.ScatterLine(loss.Select(r => (double)r.Step).ToArray(), loss.Select(r => r.Values["loss"]).ToArray());
            curve.LegendText = "training loss";
        }

        if (eval.Count > 0)
        {
            var psnr = plot.Add.Scatter(eval.Select(r => (double)r.Step).ToArray(), eval.Select(r => r.Values["eval_psnr"]).ToArray());
            psnr.LegendText = "eval PSNR (dB)";
            psnr.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = "PSNR (dB)";
        }

        plot.ShowLegend();
        AtomicFile.WriteAllBytes(path, plot.GetImageBytes(900, 500, ImageFormat.Png));
    }
}
