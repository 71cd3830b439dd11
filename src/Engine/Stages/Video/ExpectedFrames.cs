using VideoPipe.Media;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// How many frames a read will give, from the probe: the stream's frame count when the whole stream is read at its
/// own rate (exact when the container states or a packet scan counted it), otherwise the duration read × the
/// output rate (an estimate); capped by the frame limit.
/// </summary>
internal static class ExpectedFrames
{
    public static (long Frames, bool Estimated)? For(VideoInfo info, VideoReadOptions options)
    {
        if (Uncapped(info, options) is not { } read)
        {
            return null;
        }

        return options.MaxFrames is { } max && max < read.Frames ? (max, read.Estimated) : read;
    }

    private static (long Frames, bool Estimated)? Uncapped(VideoInfo info, VideoReadOptions options)
    {
        var wholeStream = options.Start is null && options.End is null;
        if (wholeStream && options.TargetFrameRate is null && info.FrameCount is { } count)
        {
            return (count, !info.FrameCountIsExact);
        }

        var sourceRate = info.AverageFrameRate.IsKnown ? info.AverageFrameRate : info.RealFrameRate;
        var duration = info.Duration?.TotalSeconds ?? (info.FrameCount is { } n && sourceRate.IsKnown ? n / sourceRate.ToDouble() : null);
        var rate = options.TargetFrameRate ?? sourceRate;
        if (duration is not { } length || !rate.IsKnown)
        {
            return null;
        }

        var end = Math.Min(options.End?.TotalSeconds ?? length, length);
        var seconds = Math.Max(0, end - (options.Start?.TotalSeconds ?? 0));
        return ((long)Math.Round(seconds * rate.ToDouble()), true);
    }
}
