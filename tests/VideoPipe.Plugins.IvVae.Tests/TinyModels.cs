using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.IvVae.Streaming;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Tests;

/// <summary>Small configs of the released structure with seeded random weights.</summary>
internal static class TinyModels
{
    public const string TinyConfig = """
        {"dim": 4, "z_dim": 4, "dim_mult": [1, 2, 4, 4], "num_res_blocks": 2, "attn_scales": [],
         "temperal_downsample": [false, true, true], "dropout": 0.0, "scale_factor": 1.3196, "shift_factor": 0.125}
        """;

    public static IvVaeTokenizer Tokenizer(DType dtype = DType.Float32, ulong seed = 11) =>
        new IvVaeFamily().CreateTokenizer(new TokenizerRequest
        {
            Config = JsonDocument.Parse(TinyConfig).RootElement.Clone(),
            RandomWeightsSeed = seed,
            DeviceContext = CpuDeviceContext.Instance,
            DType = dtype,
        });

    public static Tensor Video(long frames, long size = 16, ulong seed = 5)
    {
        using var g = new Generator(seed);
        using var u = Tensor.Rand(g, [1, 3, frames, size, size]);
        return u.Mul(2).SubInPlace(1);
    }

    public static double MaxAbsDiff(Tensor a, Tensor b)
    {
        Assert.Equal(a.Shape, b.Shape);
        using var d = (a - b).Abs();
        return d.MaxValue();
    }
}
