using System.Globalization;
using VideoPipe.Abstractions;
using VideoPipe.Media;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// How the decode stage reads a clip. Recorded in the item's attributes so later stages (metrics) can read the
/// source again exactly the same way.
/// </summary>
internal sealed record DecodeSettings(int? ShorterSide, int SizeMultiple, string Fit, double? Fps, long? MaxFrames, int BlockFrames)
{
    private const string Prefix = "decode.";

    public static DecodeSettings FromOptions(OptionReader options) => new(
        options.Int("shorterSide"), options.Int("sizeMultiple", 1), options.String("fit", "crop"), options.Double("fps"),
        options.Long("maxFrames"), options.Int("blockFrames", 16));

    public VideoReadOptions ToReadOptions(WorkItem item) => new()
    {
        ShorterSide = ShorterSide,
        SizeMultiple = SizeMultiple,
        Fit = Fit == "pad" ? SizeFitMode.Pad : SizeFitMode.CenterCrop,
        TargetFrameRate = Fps is { } fps ? Rational.FromDouble(fps) : null,
        MaxFrames = MaxFrames,
        BlockSize = BlockFrames,
        Start = item.StartSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
        End = item.EndSeconds is { } e ? TimeSpan.FromSeconds(e) : null,
    };

    public IReadOnlyDictionary<string, string> ToAttributes(IReadOnlyDictionary<string, string> existing)
    {
        var attributes = new Dictionary<string, string>(existing)
        {
            [Prefix + "sizeMultiple"] = SizeMultiple.ToString(CultureInfo.InvariantCulture),
            [Prefix + "fit"] = Fit,
            [Prefix + "blockFrames"] = BlockFrames.ToString(CultureInfo.InvariantCulture),
        };
        if (ShorterSide is { } side)
        {
            attributes[Prefix + "shorterSide"] = side.ToString(CultureInfo.InvariantCulture);
        }

        if (Fps is { } fps)
        {
            attributes[Prefix + "fps"] = fps.ToString("R", CultureInfo.InvariantCulture);
        }

        if (MaxFrames is { } max)
        {
            attributes[Prefix + "maxFrames"] = max.ToString(CultureInfo.InvariantCulture);
        }

        return attributes;
    }

    /// <summary>The settings an item was decoded with, or null when it did not pass a decode stage.</summary>
    public static DecodeSettings? FromAttributes(IReadOnlyDictionary<string, string> attributes)
    {
        if (!attributes.TryGetValue(Prefix + "sizeMultiple", out var multiple))
        {
            return null;
        }

        string? Get(string key) => attributes.TryGetValue(Prefix + key, out var v) ? v : null;
        return new DecodeSettings(
            Get("shorterSide") is { } side ? int.Parse(side, CultureInfo.InvariantCulture) : null,
            int.Parse(multiple, CultureInfo.InvariantCulture),
            Get("fit") ?? "crop",
            Get("fps") is { } fps ? double.Parse(fps, CultureInfo.InvariantCulture) : null,
            Get("maxFrames") is { } max ? long.Parse(max, CultureInfo.InvariantCulture) : null,
            Get("blockFrames") is { } block ? int.Parse(block, CultureInfo.InvariantCulture) : 16);
    }
}
