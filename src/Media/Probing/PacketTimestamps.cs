namespace VideoPipe.Media.Probing;

/// <summary>What the presentation timestamps of all video packets say about frame count and frame-rate constancy.</summary>
internal static class PacketTimestamps
{
    /// <summary>
    /// Variable when some interval between consecutive (sorted) timestamps differs from the median interval by
    /// more than 5 % plus one tick: 29.97 fps in a 1/1000 time base (33/34 ms) is constant, jitter is not.
    /// </summary>
    public static bool IsVariable(IReadOnlyList<long> presentationTimestamps)
    {
        if (presentationTimestamps.Count < 3)
        {
            return false;
        }

        var sorted = presentationTimestamps.Order().ToArray();
        var intervals = new long[sorted.Length - 1];
        for (var i = 1; i < sorted.Length; i++)
        {
            intervals[i - 1] = sorted[i] - sorted[i - 1];
        }

        var median = intervals.Order().ElementAt(intervals.Length / 2);
        var tolerance = 1 + median * 0.05;
        return intervals.Any(interval => Math.Abs(interval - median) > tolerance);
    }
}
