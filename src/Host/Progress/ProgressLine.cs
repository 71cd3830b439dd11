using System.Globalization;
using VideoPipe.Engine;

namespace VideoPipe.Host;

/// <summary>
/// The numbers both progress displays show, as text: frames done (and of how many, "~" when the total is an
/// estimate), frames/s over the last seconds and the ETA ("--:--:--" when unknown).
/// </summary>
internal static class ProgressLine
{
    /// <summary>"1234/~5000" with a known total, "1234" otherwise.</summary>
    public static string Frames(PipelineMonitor monitor) =>
        monitor.FramesTotal is { } total
            ? $"{monitor.FramesDone.ToString(CultureInfo.InvariantCulture)}/{(monitor.FramesTotalIsEstimate ? "~" : "")}{total.ToString(CultureInfo.InvariantCulture)}"
            : monitor.FramesDone.ToString(CultureInfo.InvariantCulture);

    public static string FramesPerSecond(PipelineMonitor monitor) => monitor.FramesPerSecond.ToString("F1", CultureInfo.InvariantCulture);

    /// <summary>hh:mm:ss ("~" when it rests on an estimated total), or null when there is none.</summary>
    public static string? Eta(PipelineMonitor monitor)
    {
        if (monitor.EstimatedRemaining is not { } remaining)
        {
            return null;
        }

        var text = ((long)remaining.TotalHours).ToString("00", CultureInfo.InvariantCulture) + remaining.ToString(@"\:mm\:ss", CultureInfo.InvariantCulture);
        return monitor.RemainingIsFrameBased && monitor.FramesTotalIsEstimate ? "~" + text : text;
    }

    public static string Items(PipelineMonitor monitor) =>
        $"{monitor.ItemsFinished.ToString(CultureInfo.InvariantCulture)}/{monitor.ItemsTotal?.ToString(CultureInfo.InvariantCulture) ?? "?"}";

    /// <summary>The whole summary: items, frames (with the stage they are counted at), frames/s and the ETA (left out when the length is unknown).</summary>
    public static string Summary(PipelineMonitor monitor)
    {
        var stage = monitor.FramesDoneStage is { } name ? $" ({name})" : "";
        var eta = Eta(monitor) is { } e ? $", ETA {e}" : monitor.FramesTotal is not null ? ", ETA --:--:--" : "";
        return $"items {Items(monitor)}, frames {Frames(monitor)}{stage}, {FramesPerSecond(monitor)} frames/s{eta}";
    }
}
