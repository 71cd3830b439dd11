namespace VideoPipe.Reports;

/// <summary>One named curve of a <see cref="LineChart"/>: Y[i] at X[i], drawn in the order given.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)
{
    /// <summary>A series over 0, 1, 2, ... (frame index, step number).</summary>
    public static ChartSeries OverIndex(string name, IReadOnlyList<double> y) =>
        new(name, Enumerable.Range(0, y.Count).Select(i => (double)i).ToArray(), y);
}
