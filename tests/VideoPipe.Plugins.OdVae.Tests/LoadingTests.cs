using VideoPipe.Abstractions;
using VideoPipe.Torch;
using VideoPipe.Torch.Checkpoints;

namespace VideoPipe.Plugins.OdVae.Tests;

public sealed class LoadingTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("odvae-test-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void MissingKeyFailsWithItsName()
    {
        using var tiny = new TinyCase();
        var weights = new Dictionary<string, Tensor>(tiny.Weights);
        weights.Remove("decoder.up.2.upsample.conv.conv.weight");
        var e = Assert.Throws<StateDictMismatchException>(() => Create(tiny, weights));
        Assert.Contains("missing (1): decoder.up.2.upsample.conv.conv.weight", e.Message);
    }

    [Fact]
    public void UnexpectedKeyFailsWithItsName()
    {
        using var tiny = new TinyCase();
        using var extra = Tensor.Zeros([4]);
        var weights = new Dictionary<string, Tensor>(tiny.Weights) { ["encoder.down.0.block.0.conv1.conv.weight"] = extra };
        var e = Assert.Throws<StateDictMismatchException>(() => Create(tiny, weights));
        Assert.Contains("unexpected (1): encoder.down.0.block.0.conv1.conv.weight", e.Message);
    }

    [Fact]
    public void WrongShapeFailsWithBothShapes()
    {
        using var tiny = new TinyCase();
        using var wrong = Tensor.Zeros([32, 3, 3, 3, 3]);
        var weights = new Dictionary<string, Tensor>(tiny.Weights) { ["encoder.conv_in.weight"] = wrong };
        var e = Assert.Throws<StateDictMismatchException>(() => Create(tiny, weights));
        Assert.Contains("encoder.conv_in.weight (checkpoint [32, 3, 3, 3, 3], model [32, 3, 3, 3])", e.Message);
    }

    [Fact]
    public void HuggingFaceFolderSuppliesConfigAndWeights()
    {
        using var tiny = new TinyCase();
        File.WriteAllText(Path.Combine(folder, "config.json"), tiny.Config.GetRawText());
        Safetensors.Save(Path.Combine(folder, "diffusion_pytorch_model.safetensors"), tiny.Weights);
        using var fromFolder = new OdVaeFamily().CreateTokenizer(new TokenizerRequest { WeightsPath = folder, DeviceContext = CpuDeviceContext.Instance });
        using var latent = fromFolder.Encode(tiny.Video, EncodeOptions.Default with { Scaled = false });
        TensorAssert.Close(tiny.Goldens["latent_mean"], latent, 1e-4);
    }

    [Fact]
    public void SafetensorsFileWithExplicitConfig()
    {
        using var tiny = new TinyCase();
        var file = Path.Combine(folder, "odvae.safetensors");
        Safetensors.Save(file, tiny.Weights);
        using var tokenizer = new OdVaeFamily().CreateTokenizer(new TokenizerRequest { Config = tiny.Config, WeightsPath = file, DeviceContext = CpuDeviceContext.Instance });
        using var video = tokenizer.Decode(tiny.Goldens["latent_mean"], DecodeOptions.Default with { Scaled = false });
        TensorAssert.Close(tiny.Goldens["recon"], video, 5e-4);
    }

    [Fact]
    public void RequestWithoutWeightsIsRefused()
    {
        using var tiny = new TinyCase();
        var e = Assert.Throws<ArgumentException>(() => new OdVaeFamily().CreateTokenizer(new TokenizerRequest { Config = tiny.Config, DeviceContext = CpuDeviceContext.Instance }));
        Assert.Contains("RandomWeightsSeed", e.Message);
    }

    private static OdVaeTokenizer Create(TinyCase tiny, IReadOnlyDictionary<string, Tensor> weights) =>
        new OdVaeFamily().CreateTokenizer(new TokenizerRequest { Config = tiny.Config, Weights = weights, DeviceContext = CpuDeviceContext.Instance });
}
