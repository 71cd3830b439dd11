using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Torch;
using VideoPipe.Torch.Checkpoints;

namespace VideoPipe.Plugins.Cdt.Tests;

/// <summary>Tokenizers built from the tiny golden cases (real structure, seeded weights, tiny widths).</summary>
public static class TinyModels
{
    public static JsonElement Config(string variant)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(GoldenCases.Named("case1/tiny_" + variant), "case.json")));
        return doc.RootElement.GetProperty("config").Clone();
    }

    public static Dictionary<string, Tensor> Weights(string variant) =>
        Safetensors.Load(Path.Combine(GoldenCases.Named("case1/tiny_" + variant), "weights.safetensors"));

    public static Tensor Video(string variant)
    {
        var inputs = Safetensors.Load(Path.Combine(GoldenCases.Named("case1/tiny_" + variant), "input.safetensors"));
        return inputs["video"];
    }

    public static CdtTokenizer Create(string variant, DType dtype = DType.Float32)
    {
        var weights = Weights(variant);
        try
        {
            return (CdtTokenizer)new CdtFamily().Create(new TokenizerRequest
            {
                Config = Config(variant),
                Weights = weights,
                DeviceContext = CpuDeviceContext.Instance,
                DType = dtype,
            });
        }
        finally
        {
            foreach (var t in weights.Values)
            {
                t.Dispose();
            }
        }
    }

    public static double MaxAbsDiff(Tensor a, Tensor b)
    {
        Assert.Equal(a.Shape, b.Shape);
        using var scope = DisposeScope.Enter();
        return (a.To(DType.Float64) - b.To(DType.Float64)).Abs().MaxValue();
    }
}
