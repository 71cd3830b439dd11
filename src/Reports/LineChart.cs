namespace VideoPipe.Reports;

/// <summary>
/// A line chart of one or more named series over a shared x axis, with optional vertical markers. Axis labels carry
/// their unit, e.g. "frame" and "PSNR (dB)". Rendered by <see cref="LineChartPng"/>.
/// </summary>
public sealed record LineChart
{
    public const int DefaultWidth = 1000;
    public const int DefaultHeight = 450;

    public required string Title { get; init; }

    public required string XLabel { get; init; }

    public required string YLabel { get; init; }

    public required IReadOnlyList<ChartSeries> Series { get; init; }

    public IReadOnlyList<ChartMarkers> Markers { get; init; } = [];

    /// <summary>Pixels.</summary>
    public int Width { get; init; } = DefaultWidth;

    /// <summary>Pixels.</summary>
    public int Height { get; init; } = DefaultHeight;

    /// <summary>Throws naming the series, marker or field and the reason when the chart cannot be drawn as asked.</summary>
    public void Validate()
    {
        RequireText(nameof(Title), Title);
        RequireText(nameof(XLabel), XLabel);
        RequireText(nameof(YLabel), YLabel);
        if (Width < 100 || Height < 100)
        {
            throw new ArgumentException($"chart '{Title}': {Width}x{Height} pixels is too small (at least 100x100)");
        }

        if (Series.Count == 0)
        {
            throw new ArgumentException($"chart '{Title}': no series to draw");
        }

        foreach (var series in Series)
        {
            RequireText("series name", series.Name);
            if (series.X.Count != series.Y.Count)
            {
                throw new ArgumentException($"chart '{Title}', series '{series.Name}': {series.X.Count} x values but {series.Y.Count} y values");
            }

            if (series.Y.Count == 0)
            {
                throw new ArgumentException($"chart '{Title}', series '{series.Name}': no points");
            }

            RequireFinite($"series '{series.Name}' x", series.X);
            RequireFinite($"series '{series.Name}' y", series.Y);
        }

        foreach (var markers in Markers)
        {
            RequireText("marker name", markers.Name);
            RequireFinite($"markers '{markers.Name}'", markers.Positions);
        }
    }

    private void RequireText(string what, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"chart '{Title}': {what} is empty");
        }
    }

    private void RequireFinite(string what, IReadOnlyList<double> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"chart '{Title}', {what}[{i}] is {values[i]}: only finite values can be drawn");
            }
        }
    }
}
