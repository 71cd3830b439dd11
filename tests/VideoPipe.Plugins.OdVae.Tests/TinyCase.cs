using VideoPipe.Abstractions;
using VideoPipe.Torch;
using VideoPipe.Torch.Checkpoints;

namespace VideoPipe.Plugins.OdVae.Tests;

/// <summary>The tiny golden case1 (config, weights, input, goldens) for tokenizer-level tests.</summary>
internal sealed class TinyCase : IDisposable
{
    public TinyCase(string caseDir = "case1")
    {
        Directory = Path.Combine(SharedData.GoldensDir, caseDir);
        Config = SharedData.CaseConfig(caseDir);
        Weights = Safetensors.Load(Path.Combine(Directory, "weights.safetensors"));
        Inputs = Safetensors.Load(Path.Combine(Directory, "input.safetensors"));
        Goldens = Safetensors.Load(Path.Combine(Directory, "golden.safetensors"));
    }

    public string Directory { get; }

    public System.Text.Json.JsonElement Config { get; }

    public Dictionary<string, Tensor> Weights { get; }

    public Dictionary<string, Tensor> Inputs { get; }

    public Dictionary<string, Tensor> Goldens { get; }

    public Tensor Video => Inputs["video"];

    public OdVaeTokenizer Create(DType dtype = DType.Float32) => new OdVaeFamily().CreateTokenizer(new TokenizerRequest
    {
        Config = Config,
        Weights = Weights,
        DeviceContext = CpuDeviceContext.Instance,
        DType = dtype,
    });

    public void Dispose()
    {
        foreach (var t in Weights.Values.Concat(Inputs.Values).Concat(Goldens.Values))
        {
            t.Dispose();
        }
    }
}
