using System.Globalization;

namespace VideoPipe.Media.Probing;

/// <summary>
/// Reads a display matrix (MP4/MOV tkhd, ffmpeg's "Display Matrix" side data) as the turn and mirror the reader undoes.
/// A stored pixel (x, y), y pointing down, is shown at (a·x + c·y, b·x + d·y) plus a translation, where the matrix rows
/// are [a b u], [c d v], [tx ty w]. Every axis-aligned matrix is "mirror horizontally (when the determinant is
/// negative), then turn clockwise by a quarter-turn multiple".
/// </summary>
internal static class DisplayMatrix
{
    /// <summary>
    /// Parses ffprobe's text form, three rows "0000000i: a b u" of fixed-point numbers (only signs and ratios matter).
    /// Null when the text is not a 3×3 matrix or its 2×2 part is degenerate.
    /// </summary>
    public static (int ClockwiseDegrees, bool Mirrored)? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var numbers = text.Split(['\n', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Where(token => !token.EndsWith(':'))
            .Select(token => double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN)
            .ToArray();
        if (numbers.Length != 9 || numbers.Any(double.IsNaN))
        {
            return null;
        }

        var (a, b, c, d) = (numbers[0], numbers[1], numbers[3], numbers[4]);
        var determinant = a * d - b * c;
        if (determinant == 0)
        {
            return null;
        }

        // Undoing the mirror (x → −x) first leaves a pure rotation, whose counter-clockwise angle is atan2(c, a).
        var mirrored = determinant < 0;
        var counterClockwise = Math.Atan2(c, mirrored ? -a : a) * 180 / Math.PI;
        return (NormaliseQuarterTurns(-counterClockwise), mirrored);
    }

    /// <summary>Rounds to the nearest quarter turn in [0, 360).</summary>
    public static int NormaliseQuarterTurns(double degrees)
    {
        var quarterTurns = (int)Math.Round(degrees / 90.0);
        return (quarterTurns % 4 + 4) % 4 * 90;
    }
}
