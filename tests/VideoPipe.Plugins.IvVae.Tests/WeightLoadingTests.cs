using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.IvVae.Model;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Tests;

public sealed class WeightLoadingTests
{
    private static Dictionary<string, Tensor> TinyWeights()
    {
        using var tokenizer = TinyModels.Tokenizer();
        return tokenizer.Model.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.Clone());
    }

    private static ITokenizer Create(IReadOnlyDictionary<string, Tensor> weights) => new IvVaeFamily().Create(new TokenizerRequest
    {
        Config = JsonDocument.Parse(TinyModels.TinyConfig).RootElement.Clone(),
        Weights = weights,
        DeviceContext = CpuDeviceContext.Instance,
    });

    [Fact]
    public void TheReleasedArchitectureHas362TensorsAndTheSpecParameterCounts()
    {
        foreach (var (preset, count) in new[] { ("z4_dim64", 107_170_842L), ("z16_dim96", 241_854_742L) })
        {
            using var model = new IvVaeModel(IvVaePresets.Get(preset));
            Assert.Equal(362, model.StateDict().Count);
            Assert.Equal(count, model.ParameterCount());
        }
    }

    [Fact]
    public void AMissingKeyFailsTheLoadAndNamesTheKey()
    {
        var weights = TinyWeights();
        weights.Remove("encoder.head.2.PAC_9.conv.weight", out var removed);
        removed!.Dispose();
        var e = Assert.Throws<StateDictMismatchException>(() => Create(weights));
        Assert.Contains("encoder.head.2.PAC_9.conv.weight", e.Message);
        Assert.Contains("missing", e.Message);
    }

    [Fact]
    public void AWrongKeyFailsTheLoadAndNamesBothKeys()
    {
        var weights = TinyWeights();
        weights.Remove("decoder.upsamples.7.shortcut.conv_3d.bias", out var moved);
        weights["decoder.upsamples.7.shortcut.conv3d.bias"] = moved!;
        var e = Assert.Throws<StateDictMismatchException>(() => Create(weights));
        Assert.Contains("decoder.upsamples.7.shortcut.conv_3d.bias", e.Message);
        Assert.Contains("decoder.upsamples.7.shortcut.conv3d.bias", e.Message);
    }

    [Fact]
    public void AMisShapedTensorFailsTheLoad()
    {
        var weights = TinyWeights();
        weights["conv1.conv_2d.weight"].Dispose();
        weights["conv1.conv_2d.weight"] = Tensor.Zeros([4, 4, 1, 1]);
        var e = Assert.Throws<StateDictMismatchException>(() => Create(weights));
        Assert.Contains("conv1.conv_2d.weight", e.Message);
    }

    [Fact]
    public void AWeightsPathLoadsThroughTheCheckpointReader()
    {
        var caseDir = SharedPaths.IvVaeCaseDirs()[0];
        var goldenCase = VideoPipe.Parity.GoldenCase.Load(caseDir);
        using var tokenizer = new IvVaeFamily().Create(new TokenizerRequest
        {
            Config = goldenCase.Config,
            WeightsPath = goldenCase.RequireWeights(),
            DeviceContext = CpuDeviceContext.Instance,
        });
        var inputs = VideoPipe.Torch.Checkpoints.Safetensors.Load(goldenCase.InputsPath);
        var goldens = VideoPipe.Torch.Checkpoints.Safetensors.Load(goldenCase.GoldenPath);
        using var latent = tokenizer.Encode(inputs["video"], EncodeOptions.Default);
        Assert.True(TinyModels.MaxAbsDiff(latent, goldens["latent"]) < 1e-4);
        foreach (var t in inputs.Values.Concat(goldens.Values))
        {
            t.Dispose();
        }
    }

    [Fact]
    public void AMissingWeightsFileIsReportedByPath()
    {
        var e = Assert.Throws<FileNotFoundException>(() => new IvVaeFamily().Create(new TokenizerRequest
        {
            Preset = "z4_dim64",
            WeightsPath = "/nonexistent/ivvae_z4_dim64.pth",
            DeviceContext = CpuDeviceContext.Instance,
        }));
        Assert.Contains("ivvae_z4_dim64.pth", e.Message);
    }

    [Fact]
    public void AnExactStateDictLoadsAndDataParallelPrefixesAreAccepted()
    {
        var weights = TinyWeights();
        using (Create(weights))
        {
        }

        var prefixed = weights.ToDictionary(kv => "module." + kv.Key, kv => kv.Value);
        using (Create(prefixed))
        {
        }
    }
}
