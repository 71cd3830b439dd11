namespace VideoPipe.Reports;

/// <summary>Vertical lines at the given x positions (tile boundaries, learning-rate drops), one legend entry for all.</summary>
public sealed record ChartMarkers(string Name, IReadOnlyList<double> Positions);
