using System.Globalization;

namespace VideoPipe.Media;

/// <summary>An exact ratio as ffmpeg writes it ("30000/1001"); 0/0 means unknown.</summary>
public readonly record struct Rational(long Numerator, long Denominator)
{
    public static Rational Unknown => new(0, 0);

    public bool IsKnown => Denominator != 0 && Numerator != 0;

    public double ToDouble() => Denominator == 0 ? double.NaN : (double)Numerator / Denominator;

    public static Rational Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Unknown;
        }

        var separator = text.IndexOfAny(['/', ':']);
        if (separator < 0)
        {
            return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole) ? new(whole, 1) : Unknown;
        }

        return long.TryParse(text.AsSpan(0, separator), NumberStyles.Integer, CultureInfo.InvariantCulture, out var numerator)
            && long.TryParse(text.AsSpan(separator + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var denominator)
            ? new(numerator, denominator)
            : Unknown;
    }

    /// <summary>A frame rate such as 25 or 29.97 as an exact ratio (29.97 → 2997/100; pass 30000/1001 explicitly when that is meant).</summary>
    public static Rational FromDouble(double value)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "must be a positive finite number");
        }

        long denominator = 1;
        while (Math.Abs(value * denominator - Math.Round(value * denominator)) > 1e-9 && denominator < 1_000_000)
        {
            denominator *= 10;
        }

        return new((long)Math.Round(value * denominator), denominator);
    }

    public override string ToString() => $"{Numerator.ToString(CultureInfo.InvariantCulture)}/{Denominator.ToString(CultureInfo.InvariantCulture)}";
}
