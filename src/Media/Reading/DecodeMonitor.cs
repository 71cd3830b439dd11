using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace VideoPipe.Media.Reading;

/// <summary>
/// Watches ffmpeg's stderr during a read. The showinfo filter (last in the graph) logs one line per output
/// frame, in output order, before the frame is written to stdout, so the n-th line is the n-th frame's pts
/// (with a target frame rate only the first frame is logged; see <see cref="FpsGridTimestamps"/>).
/// Demuxer/decoder complaints are remembered together with how many frames had been announced before them,
/// which is where the damage begins.
/// </summary>
internal sealed partial class DecodeMonitor
{
    private const string FrameLineStart = "n:";
    private const string PtsLabel = " pts:";
    private const string ConfigInLabel = "config in time_base:";

    private readonly BlockingCollection<TimeSpan?> frameTimestamps = [];
    private Rational timeBase = Rational.Unknown;
    private long announcedFrames;
    private DamageSighting? damage;
    private int sawTruncationHint;

    public sealed record DamageSighting(string Line, long FramesBefore);

    public DamageSighting? Damage => Volatile.Read(ref damage);

    /// <summary>Some line said the data ends early ("partial file", "ended prematurely", …), not necessarily the first complaint.</summary>
    public bool SawTruncationHint => Volatile.Read(ref sawTruncationHint) != 0;

    public static bool IsTruncationHint(string line) => TruncationWords().IsMatch(line);

    /// <returns>True for showinfo lines, which are consumed here and kept out of the error tail.</returns>
    public bool Observe(string line)
    {
        if (line.StartsWith("[Parsed_showinfo_", StringComparison.Ordinal))
        {
            ObserveShowInfo(line);
            return true;
        }

        if (IsTruncationHint(line))
        {
            Volatile.Write(ref sawTruncationHint, 1);
        }

        if (IsDamage(line))
        {
            Interlocked.CompareExchange(ref damage, new DamageSighting(line, Interlocked.Read(ref announcedFrames)), null);
        }

        return false;
    }

    public void Complete() => frameTimestamps.CompleteAdding();

    /// <summary>
    /// When showinfo announces only the first frame (pts on the fps grid), frames are counted as the reader receives
    /// them, so a complaint is placed after the frames received by then (ffmpeg may have produced a few more).
    /// </summary>
    public void CountUnannouncedFrame() => Interlocked.Increment(ref announcedFrames);

    /// <summary>
    /// Waits for the next frame's announcement: its pts (null when ffmpeg gave none), or <c>false</c> when stderr
    /// ended without announcing another frame. Blocks the calling thread (the frame reader's own).
    /// </summary>
    public bool TryTakeNextFrame(CancellationToken cancellationToken, out TimeSpan? pts) =>
        frameTimestamps.TryTake(out pts, Timeout.Infinite, cancellationToken);

    public static TimeSpan ToTimeSpan(long pts, Rational timeBase) =>
        TimeSpan.FromTicks((long)Math.Round((decimal)pts * timeBase.Numerator * TimeSpan.TicksPerSecond / timeBase.Denominator));

    /// <summary>Called once per frame, so it parses in place: "[Parsed_showinfo_N @ 0x…] [info] n:   7 pts:   3584 pts_time:…".</summary>
    private void ObserveShowInfo(string line)
    {
        var text = line.AsSpan();
        var body = text.IndexOf("] n:", StringComparison.Ordinal);
        if (body >= 0)
        {
            var rest = text[(body + 1 + FrameLineStart.Length)..];
            var ptsAt = rest.IndexOf(PtsLabel, StringComparison.Ordinal);
            TimeSpan? pts = null;
            if (ptsAt >= 0 && timeBase.IsKnown)
            {
                var digits = rest[(ptsAt + PtsLabel.Length)..].TrimStart(' ');
                var end = digits.IndexOf(' ');
                if (long.TryParse(end < 0 ? digits : digits[..end], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ticks))
                {
                    pts = ToTimeSpan(ticks, timeBase);
                }
            }

            Interlocked.Increment(ref announcedFrames);
            frameTimestamps.Add(pts);
        }
        else if (text.IndexOf(ConfigInLabel, StringComparison.Ordinal) is >= 0 and var configAt)
        {
            var value = text[(configAt + ConfigInLabel.Length)..].TrimStart(' ');
            var end = value.IndexOf(',');
            timeBase = Rational.Parse((end < 0 ? value : value[..end]).ToString());
        }
    }

    private static bool IsDamage(string line)
    {
        if (line.Contains("[error]", StringComparison.Ordinal) || line.Contains("[fatal]", StringComparison.Ordinal))
        {
            return true;
        }

        return line.Contains("[warning]", StringComparison.Ordinal) && DamageWords().IsMatch(line);
    }

    [GeneratedRegex("partial file|prematurely|truncat", RegexOptions.IgnoreCase)]
    private static partial Regex TruncationWords();

    [GeneratedRegex("error|corrupt|partial file|prematurely|truncat|invalid|missing", RegexOptions.IgnoreCase)]
    private static partial Regex DamageWords();
}
