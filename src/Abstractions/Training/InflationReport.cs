namespace VideoPipe.Abstractions;

/// <summary>
/// What an inflation did to each state-dict key of the video model: copied from the image model as it is,
/// inflated from a kernel with a shorter time axis, or kept (no counterpart in the image model).
/// </summary>
public sealed record InflationReport(IReadOnlyList<string> Copied, IReadOnlyList<string> Inflated, IReadOnlyList<string> Kept);
