using VideoPipe.Abstractions;
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

    /// <summary>A smooth moving pattern in [-1, 1] plus a little seeded noise: [B,3,T,H,W].</summary>
    public static Tensor Video(long frames, long size = 16, long batch = 1, ulong seed = 5)
    {
        using var scope = DisposeScope.Enter();
        using var generator = new Generator(seed);
        var t = Tensor.Arange(0, frames, dtype: DType.Float32).Reshape(1, 1, frames, 1, 1);
        var y = Tensor.Arange(0, size, dtype: DType.Float32).Reshape(1, 1, 1, size, 1);
        var x = Tensor.Arange(0, size, dtype: DType.Float32).Reshape(1, 1, 1, 1, size);
        var phase = Tensor.FromArray(new float[] { 0f, 2f, 4f }, 1, 3, 1, 1, 1);
        var wave = ((x * 0.4 + y * 0.3 + t * 0.5 + phase).Sin() * 0.8).Expand(batch, 3, frames, size, size);
        return scope.Keep(wave + Tensor.Randn(generator, [batch, 3, frames, size, size]) * 0.05);
    }

    public static double MaxAbsDiff(Tensor a, Tensor b)
    {
        Assert.Equal(a.Shape, b.Shape);
        using var scope = DisposeScope.Enter();
        return (a.To(DType.Float64) - b.To(DType.Float64)).Abs().MaxValue();
    }
}
