using VideoPipe.Abstractions;
using VideoPipe.Plugins.Conformance;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Regen.Tests;

/// <summary>regen-xs tokenizers with seeded random weights and seeded test clips.</summary>
internal static class TinyRegen
{
    public static RegenTokenizer Create(int ratio = 4, Func<RegenConfig, RegenConfig>? change = null, ulong seed = 3)
    {
        var config = RegenPresets.Get(RegenPresets.Xs) with { TemporalRatio = ratio };
        config = change?.Invoke(config) ?? config;
        return (RegenTokenizer)new RegenFamily().Create(new TokenizerRequest
        {
            Config = System.Text.Json.JsonDocument.Parse(config.ToJson()).RootElement.Clone(),
            RandomWeightsSeed = seed,
            DeviceContext = CpuDeviceContext.Instance,
        });
    }

    /// <summary>As <see cref="Create"/>, then every weight N(0, 0.05²) so no layer starts at zero (the decoder's output then depends on everything).</summary>
    public static RegenTokenizer Busy(int ratio = 4, ulong seed = 3)
    {
        var tokenizer = Create(ratio, seed: seed);
        using var generator = new Generator(seed + 100);
        tokenizer.Model.InitializeRandom(generator, std: 0.05);
        return tokenizer;
    }

    public static Tensor Video(long frames, long size = 16, long batch = 1, ulong seed = 5) => TestVideos.Wave(frames, size, batch, seed);

    public static double MaxAbsDiff(Tensor a, Tensor b) => TestVideos.MaxAbsDiff(a, b);
}
