using ScottPlot;

namespace VideoPipe.Reports;

/// <summary>
/// Draws a <see cref="LineChart"/> with ScottPlot: title, labelled axes, a legend naming every series and marker
/// group, series as lines (with dots when there are few points), markers as dashed vertical lines.
/// Saved as PNG through a temporary sibling file, flushed to disk and renamed: a reader never sees half an image.
/// </summary>
public static class LineChartPng
{
    /// <summary>Up to this many points per series, each point also gets a dot.</summary>
    private const int DottedPointLimit = 60;

    private static readonly Color[] MarkerColors = [Colors.Red, Colors.DimGray, Colors.DarkViolet, Colors.SaddleBrown];

    public static byte[] Render(LineChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        chart.Validate();
        using var plot = new Plot();
        plot.Title(chart.Title);
        plot.XLabel(chart.XLabel);
        plot.YLabel(chart.YLabel);
        foreach (var series in chart.Series)
        {
            var line = plot.Add.ScatterLine(series.X.ToArray(), series.Y.ToArray());
            line.LegendText = series.Name;
            line.LineWidth = 1.5f;
            line.MarkerSize = series.Y.Count <= DottedPointLimit ? 4 : 0;
        }

        for (var m = 0; m < chart.Markers.Count; m++)
        {
            var markers = chart.Markers[m];
            var color = MarkerColors[m % MarkerColors.Length];
            for (var i = 0; i < markers.Positions.Count; i++)
            {
                var line = plot.Add.VerticalLine(markers.Positions[i], width: 1, color: color, pattern: LinePattern.Dashed);
                // One legend entry per marker group, not one per line.
                line.LegendText = i == 0 ? markers.Name : string.Empty;
            }
        }

        plot.ShowLegend(Edge.Bottom);
        using var image = plot.GetImage(chart.Width, chart.Height);
        return image.GetImageBytes(ImageFormat.Png);
    }

    /// <summary>Renders <paramref name="chart"/> and writes it to <paramref name="path"/> atomically (parent folders created).</summary>
    public static Task SaveAsync(LineChart chart, string path, CancellationToken cancellationToken) =>
        ReportFile.WriteAtomicallyAsync(path, Render(chart), cancellationToken);
}
