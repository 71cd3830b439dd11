using System.Globalization;
using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Media;

namespace VideoPipe.Precompute;

/// <summary>
/// An aspect-ratio (and optionally frame-count) bucket: a source goes to the bucket nearest its display aspect ratio,
/// is resized to cover <see cref="Size"/> and centre-cropped; with <see cref="Frames"/> its clips have that many frames,
/// fitted down to the tokenizer's frame rule. Written "WxH" or "WxHxF" (e.g. 320x192x33).
/// </summary>
public sealed record Bucket(FrameSize Size, int? Frames)
{
    public string Name => Frames is { } frames ? string.Create(CultureInfo.InvariantCulture, $"{Size}x{frames}") : Size.ToString();

    public override string ToString() => Name;

    /// <summary>The clip length this bucket gives under <paramref name="rule"/> (null: the run's clip settings).</summary>
    public int? ClipFrames(FrameRule rule) => Frames is { } frames ? (int)rule.RoundDown(frames) : null;

    public static Bucket Parse(string text)
    {
        var parts = text.Trim().Split('x');
        if (parts.Length is < 2 or > 3 || parts.Any(p => !int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < 1))
        {
            throw new FormatException($"bucket '{text}' must look like WxH or WxHxF with positive integers (e.g. 256x256 or 320x192x33)");
        }

        var numbers = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return new Bucket(new FrameSize(numbers[0], numbers[1]), numbers.Length == 3 ? numbers[2] : null);
    }

    /// <summary>A comma-separated list ("256x256x17,320x192x17") or a JSON file holding an array of such strings.</summary>
    public static IReadOnlyList<Bucket> ParseList(string text)
    {
        var names = text.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && File.Exists(text)
            ? JsonSerializer.Deserialize<List<string>>(File.ReadAllText(text)) ?? throw new FormatException($"{text}: expected a JSON array of bucket strings")
            : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var buckets = names.Select(Parse).ToList();
        if (buckets.Count == 0)
        {
            throw new FormatException($"--buckets '{text}' names no bucket");
        }

        if (buckets.Select(b => b.Name).Distinct().Count() != buckets.Count)
        {
            throw new FormatException($"--buckets '{text}' lists a bucket twice");
        }

        return buckets;
    }

    /// <summary>The bucket whose aspect ratio is nearest (on a log scale) to <paramref name="display"/>'s; ties go to the first listed.</summary>
    public static Bucket Nearest(IReadOnlyList<Bucket> buckets, FrameSize display)
    {
        var aspect = Math.Log((double)display.Width / display.Height);
        return buckets.MinBy(b => Math.Abs(Math.Log((double)b.Size.Width / b.Size.Height) - aspect))!;
    }
}
