namespace VideoPipe.Plugins.ProMag;

/// <summary>
/// The spec's configurations (docs/promag.md); the temporal ratio is a suffix: promag-s-8x is promag-s grown once
/// (recursive growth), promag-s is the 4x base. The suffix -image names the base's image model (no temporal
/// compression, trained on single frames), which Stage I can start from (ImageInit, Loading/ProMagInflation).
/// </summary>
public static class ProMagPresets
{
    public const string Xs = "promag-xs";
    public const string Small = "promag-s";
    public const string Paper = "promag-paper";

    public const string ImageSuffix = "-image";

    public static IReadOnlyList<int> Ratios { get; } = [4, 8, 16];

    /// <summary>Every preset at 4x, with each larger ratio as a suffix, and its image model.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. new[] { Xs, Small, Paper }.SelectMany(b => Ratios.Select(k => k == 4 ? b : $"{b}-{k}x").Append(b + ImageSuffix))];

    public static ProMagConfig Get(string name)
    {
        var key = name.Trim().ToLowerInvariant();
        var image = key.EndsWith(ImageSuffix, StringComparison.Ordinal);
        key = image ? key[..^ImageSuffix.Length] : key;
        var ratio = 4;
        var dash = key.LastIndexOf('-');
        if (dash > 0 && key.EndsWith('x') && int.TryParse(key[(dash + 1)..^1], out var k))
        {
            ratio = k;
            key = key[..dash];
        }

        var config = key switch
        {
            Xs => new ProMagConfig
            {
                Variant = "xs", BaseChannels = 16, ChannelMultipliers = [1, 2, 2, 2], ResBlocksPerLevel = 1, MidBlocks = 1, LatentChannels = 8, NormGroups = 8,
            },
            Small => new ProMagConfig(),
            Paper => new ProMagConfig
            {
                Variant = "paper", BaseChannels = 128, ChannelMultipliers = [1, 2, 2, 4], ResBlocksPerLevel = 4, GrowthResBlocks = 2,
            },
            _ => throw new ArgumentException($"unknown ProMAG preset '{name}' (known: {string.Join(", ", Names)})"),
        };
        if (!Ratios.Contains(ratio) || (image && ratio != 4))
        {
            throw new ArgumentException($"unknown ProMAG preset '{name}': the ratio suffix must be one of {string.Join(", ", Ratios.Skip(1).Select(r => $"-{r}x"))}, or {ImageSuffix} alone");
        }

        config = image
            ? config with { Variant = config.Variant + ImageSuffix, TemporalRatio = 1, TemporalDownsampleAt = [] }
            : config with { TemporalRatio = ratio };
        config.Validate();
        return config;
    }
}
