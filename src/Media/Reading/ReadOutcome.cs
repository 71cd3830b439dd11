namespace VideoPipe.Media.Reading;

/// <summary>Decides, after ffmpeg finished, whether the read was complete, damaged or failed.</summary>
internal static class ReadOutcome
{
    public sealed record Facts(
        VideoInfo Info,
        VideoReadOptions Options,
        bool FullyProbed,
        int ExitCode,
        string ErrorTail,
        DecodeMonitor.DamageSighting? Damage,
        bool SawTruncationHint,
        bool EndedMidFrame,
        long Delivered,
        TimeSpan? LastPts);

    /// <returns>Null when the read is complete.</returns>
    public static VideoInputException? Judge(Facts facts)
    {
        var path = facts.Info.Path;
        if (facts.ExitCode != 0)
        {
            if (facts.ErrorTail.Contains("Decoder (codec", StringComparison.Ordinal) && facts.ErrorTail.Contains("not found", StringComparison.Ordinal))
            {
                return new VideoInputException(path, VideoInputErrorKind.UnsupportedCodec, $"this ffmpeg has no decoder for codec '{facts.Info.Codec}'", facts.ErrorTail);
            }

            return facts.Damage is { } damage
                ? FromDamage(path, damage, facts.SawTruncationHint, facts.ErrorTail)
                : new VideoInputException(path, VideoInputErrorKind.DecoderFailed, $"ffmpeg failed with exit code {facts.ExitCode} after {facts.Delivered} frames", facts.ErrorTail);
        }

        if (facts.EndedMidFrame)
        {
            return new VideoInputException(path, VideoInputErrorKind.Truncated, $"ffmpeg's output ended inside frame {facts.Delivered}", facts.ErrorTail);
        }

        if (facts.Damage is { } sighting)
        {
            return FromDamage(path, sighting, facts.SawTruncationHint, facts.ErrorTail);
        }

        return ShortfallOf(facts);
    }

    /// <summary>
    /// Under <see cref="DamagePolicy.JudgeByFrames"/>: a complaint of a read in which ffmpeg exited cleanly, frames
    /// decoded and reached the stream's end, said as a warning; null when the read is damaged for real.
    /// </summary>
    public static string? AsWarning(Facts facts) =>
        facts is { ExitCode: 0, Damage: { } damage, EndedMidFrame: false, SawTruncationHint: false, Delivered: > 0 } && ShortfallOf(facts) is null
            ? $"ffmpeg complained but decoded all {facts.Delivered} frames: {damage.Line.Trim()}"
            : null;

    /// <param name="sawTruncationHint">A cut file often first shows as a corrupt last packet; a later "partial file" line tells it apart.</param>
    public static VideoInputException FromDamage(string path, DecodeMonitor.DamageSighting damage, bool sawTruncationHint, string errorTail)
    {
        var truncated = sawTruncationHint || DecodeMonitor.IsTruncationHint(damage.Line);
        return new VideoInputException(path, truncated ? VideoInputErrorKind.Truncated : VideoInputErrorKind.Corrupt,
            $"damaged input after {damage.FramesBefore} good frames: {damage.Line.Trim()}", errorTail);
    }

    /// <summary>
    /// Some truncations decode silently (ffmpeg just meets end of file early). When the container states the
    /// video's duration, a read that stops clearly before it is reported as truncated.
    /// </summary>
    private static VideoInputException? ShortfallOf(Facts facts)
    {
        var (info, options) = (facts.Info, facts.Options);
        var reachedLimit = facts.Delivered == options.MaxFrames
            || (options.EndFrame is { } endFrame && facts.Delivered == endFrame - (options.StartFrame ?? 0));
        if (reachedLimit || !facts.FullyProbed || info.Duration is not { } duration || (info.HasAudio && !info.DurationIsVideoStream))
        {
            return null;
        }

        var expectedEnd = options.End is { } end && end < duration ? end : duration;
        var rate = options.TargetFrameRate ?? (info.AverageFrameRate.IsKnown ? info.AverageFrameRate : new Rational(25, 1));
        var interval = TimeSpan.FromSeconds(1 / rate.ToDouble());
        var deliveredEnd = facts.LastPts is { } last ? last + interval : options.Start ?? TimeSpan.Zero;
        var tolerance = TimeSpan.FromTicks(Math.Max(3 * interval.Ticks, TimeSpan.FromSeconds(0.25).Ticks));
        return deliveredEnd < expectedEnd - tolerance
            ? new VideoInputException(info.Path, VideoInputErrorKind.Truncated,
                $"frames end at {deliveredEnd.TotalSeconds:0.###} s but the container says the video lasts {expectedEnd.TotalSeconds:0.###} s", facts.ErrorTail)
            : null;
    }
}
