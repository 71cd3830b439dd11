using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.Conformance;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.ProMag.Tests;

/// <summary>promag-xs tokenizers with seeded random weights, and seeded test clips.</summary>
internal static class TinyProMag
{
    public static ProMagConfig Config(int ratio = 4, Func<ProMagConfig, ProMagConfig>? change = null)
    {
        var config = ProMagPresets.Get(ProMagPresets.Xs) with { TemporalRatio = ratio };
        return change?.Invoke(config) ?? config;
    }

    public static ProMagTokenizer Create(int ratio = 4, Func<ProMagConfig, ProMagConfig>? change = null, ulong seed = 3) =>
        Create(Config(ratio, change), seed);

    public static ProMagTokenizer Create(ProMagConfig config, ulong seed = 3) => (ProMagTokenizer)new ProMagFamily().Create(new TokenizerRequest
    {
        Config = Json(config),
        RandomWeightsSeed = seed,
        DeviceContext = CpuDeviceContext.Instance,
    });

    /// <summary>As <see cref="Create"/> with PyTorch's default initialization, so every latent depends clearly on its frames.</summary>
    public static ProMagTokenizer Busy(int ratio = 4, Func<ProMagConfig, ProMagConfig>? change = null, ulong seed = 3)
    {
        var tokenizer = Create(ratio, change, seed);
        using var generator = new Generator(seed + 100);
        DefaultInitialization.Apply([.. tokenizer.Model.StateDict().Select(kv => (kv.Key, kv.Value))], generator);
        return tokenizer;
    }

    public static JsonElement Json(ProMagConfig config) => JsonDocument.Parse(config.ToJson()).RootElement.Clone();

    public static Tensor Video(long frames, long size = 16, long batch = 1, ulong seed = 5) => TestVideos.Wave(frames, size, batch, seed);

    public static double MaxAbsDiff(Tensor a, Tensor b) => TestVideos.MaxAbsDiff(a, b);
}
