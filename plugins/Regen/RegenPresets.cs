namespace VideoPipe.Plugins.Regen;

/// <summary>The spec's configurations (docs/regen.md); the temporal ratio is a suffix: regen-s-16 is regen-s at k = 16.</summary>
public static class RegenPresets
{
    public const string Xs = "regen-xs";

    /// <summary>The layout trained here (docs/regen.md, "Trained here"): models/regen-tiny-8 and regen-tiny-16.</summary>
    public const string Tiny = "regen-tiny";
    public const string Small = "regen-s";
    public const string Paper = "regen-paper";

    /// <summary>The temporal ratios the paper trains (8 is the default, so "regen-s" is "regen-s-8").</summary>
    public static IReadOnlyList<int> Ratios { get; } = [4, 8, 16, 32];

    /// <summary>Every preset at the default k and with each other k as a suffix.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. new[] { Xs, Tiny, Small, Paper }.SelectMany(b => Ratios.Select(k => k == 8 ? b : $"{b}-{k}"))];

    public static RegenConfig Get(string name)
    {
        var key = name.Trim().ToLowerInvariant();
        var ratio = 8;
        var dash = key.LastIndexOf('-');
        if (dash > 0 && int.TryParse(key[(dash + 1)..], out var k))
        {
            ratio = k;
            key = key[..dash];
        }

        var config = key switch
        {
            Xs => new RegenConfig
            {
                Variant = "xs", EncoderChannels = 16, ChannelMultipliers = [1, 2, 2, 2], ResBlocksPerLevel = 1, MidBlocks = 1, NormGroups = 8,
                FourierFrequencies = 4, SirenWidth = 32, SirenLayers = 2, ModulationHidden = 32,
                Width = 64, Depth = 2, Heads = 2, TimeEmbeddingFrequencies = 64, SampleSteps = 2,
            },
            Tiny => new RegenConfig
            {
                Variant = "tiny", EncoderChannels = 16, ChannelMultipliers = [1, 2, 2, 2], ResBlocksPerLevel = 1, MidBlocks = 1, NormGroups = 8,
                FourierFrequencies = 4, SirenWidth = 32, SirenLayers = 2, ModulationHidden = 32,
                Width = 128, Depth = 4, Heads = 4, TimeEmbeddingFrequencies = 64, SampleSteps = 4, Prediction = Prediction.X0,
            },
            Small => new RegenConfig(),
            Paper => new RegenConfig
            {
                Variant = "paper", EncoderChannels = 128, ChannelMultipliers = [1, 2, 2, 4], ResBlocksPerLevel = 4,
                FourierFrequencies = 16, SirenWidth = 256, SirenLayers = 4, Width = 2048, Depth = 24, Heads = 16,
            },
            _ => throw new ArgumentException($"unknown REGEN preset '{name}' (known: {string.Join(", ", Names)})"),
        };
        config = config with { TemporalRatio = ratio };
        config.Validate();
        return config;
    }
}
