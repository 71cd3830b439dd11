using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace VideoPipe.Media.Reading;

/// <summary>
/// Watches ffmpeg's stderr during a read. The showinfo filter (last in the graph) logs one line per output
/// frame, in output order, before the frame is written to stdout, so the n-th line is the n-th frame's pts.
/// Demuxer/decoder complaints are remembered together with how many frames had been announced before them,
/// which is where the damage begins.
/// </summary>
internal sealed partial class DecodeMonitor
{
    private readonly Channel<TimeSpan?> frameTimestamps = Channel.CreateUnbounded<TimeSpan?>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
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

    public void Complete() => frameTimestamps.Writer.TryComplete();

    /// <summary>The next frame's pts (null when ffmpeg gave none), or <c>false</c> when stderr ended without announcing another frame.</summary>
    public async ValueTask<(bool Announced, TimeSpan? Pts)> NextFrameAsync(CancellationToken cancellationToken)
    {
        if (await frameTimestamps.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false)
            && frameTimestamps.Reader.TryRead(out var pts))
        {
            return (true, pts);
        }

        return (false, null);
    }

    private void ObserveShowInfo(string line)
    {
        if (FrameLine().Match(line) is { Success: true } frame)
        {
            TimeSpan? pts = long.TryParse(frame.Groups["pts"].ValueSpan, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks) && timeBase.IsKnown
                ? ToTimeSpan(ticks, timeBase)
                : null;
            Interlocked.Increment(ref announcedFrames);
            frameTimestamps.Writer.TryWrite(pts);
        }
        else if (ConfigLine().Match(line) is { Success: true } config)
        {
            timeBase = Rational.Parse(config.Groups["tb"].Value);
        }
    }

    private static TimeSpan ToTimeSpan(long pts, Rational timeBase) =>
        TimeSpan.FromTicks((long)Math.Round((decimal)pts * timeBase.Numerator * TimeSpan.TicksPerSecond / timeBase.Denominator));

    private static bool IsDamage(string line)
    {
        if (line.Contains("[error]", StringComparison.Ordinal) || line.Contains("[fatal]", StringComparison.Ordinal))
        {
            return true;
        }

        return line.Contains("[warning]", StringComparison.Ordinal) && DamageWords().IsMatch(line);
    }

    [GeneratedRegex(@"\bn:\s*\d+\s+pts:\s*(?<pts>-?\d+|NOPTS)")]
    private static partial Regex FrameLine();

    [GeneratedRegex(@"config in time_base:\s*(?<tb>\d+/\d+)")]
    private static partial Regex ConfigLine();

    [GeneratedRegex("partial file|prematurely|truncat", RegexOptions.IgnoreCase)]
    private static partial Regex TruncationWords();

    [GeneratedRegex("error|corrupt|partial file|prematurely|truncat|invalid|missing", RegexOptions.IgnoreCase)]
    private static partial Regex DamageWords();
}
