using VideoPipe.Abstractions;
using VideoPipe.Parity;
using VideoPipe.Torch;
using VideoPipe.Torch.Checkpoints;
using Xunit.Abstractions;

namespace VideoPipe.Plugins.IvVae.Tests;

/// <summary>bfloat16 execution against the float32 goldens (error measured and bounded, not matched).</summary>
public sealed class BFloat16Tests
{
    private readonly ITestOutputHelper output;

    public BFloat16Tests(ITestOutputHelper output) => this.output = output;

    [Theory]
    [MemberData(nameof(GoldenParityTests.InferenceCases), MemberType = typeof(GoldenParityTests))]
    public void BFloat16StaysCloseToTheFloat32Goldens(string caseName)
    {
        var goldenCase = GoldenCase.Load(Path.Combine(SharedPaths.IvVaeGoldens, caseName));
        var weights = Safetensors.Load(goldenCase.RequireWeights());
        var inputs = Safetensors.Load(goldenCase.InputsPath);
        var goldens = Safetensors.Load(goldenCase.GoldenPath);
        try
        {
            using var tokenizer = new IvVaeFamily().CreateTokenizer(new TokenizerRequest
            {
                Config = goldenCase.Config,
                Weights = weights,
                DeviceContext = CpuDeviceContext.Instance,
                DType = DType.BFloat16,
            });
            using var latent = tokenizer.Encode(inputs["video"], EncodeOptions.Default);
            using var recon = tokenizer.Decode(goldens["latent"], DecodeOptions.Default);
            Assert.Equal(DType.Float32, latent.DType);
            var (latentMax, latentMean) = Errors(latent, goldens["latent"]);
            var (reconMax, reconMean) = Errors(recon, goldens["recon"]);
            output.WriteLine($"bf16 vs fp32 golden: latent max {latentMax:E3} mean {latentMean:E3}; recon max {reconMax:E3} mean {reconMean:E3}");
            Assert.True(latentMean < 0.05 && latentMax < 0.3, $"latent error max {latentMax} mean {latentMean}");
            Assert.True(reconMean < 0.05 && reconMax < 0.3, $"recon error max {reconMax} mean {reconMean}");
        }
        finally
        {
            foreach (var t in weights.Values.Concat(inputs.Values).Concat(goldens.Values))
            {
                t.Dispose();
            }
        }
    }

    private static (double Max, double Mean) Errors(Tensor got, Tensor want)
    {
        using var scope = DisposeScope.Enter();
        var diff = (got - want).Abs();
        return (diff.MaxValue(), diff.Mean().Item());
    }
}
