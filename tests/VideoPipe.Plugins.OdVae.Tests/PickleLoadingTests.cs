using VideoPipe.Abstractions;
using VideoPipe.Plugins.OdVae.Loading;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae.Tests;

/// <summary>The original checkpoint.ckpt layout: ema_state_dict preferred with module. stripped, loss keys ignored.</summary>
public sealed class PickleLoadingTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("odvae-ckpt-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void PrefersTheEmaWeightsAndStripsModulePrefix()
    {
        using var tiny = new TinyCase();
        using var zero = Tensor.Zeros([1]);
        var ema = tiny.Weights.ToDictionary(kv => "module." + kv.Key, kv => (object)kv.Value);
        var training = tiny.Weights.ToDictionary(kv => kv.Key, kv => (object)(kv.Value * 0));
        training["loss.discriminator.main.0.weight"] = zero;
        var path = Path.Combine(folder, "checkpoint.ckpt");
        TorchSaveWriter.Write(path, new Dictionary<string, object>
        {
            ["state_dict"] = training,
            ["ema_state_dict"] = ema,
            ["epoch"] = 3,
        });

        AssertDecodesLikeTheGolden(tiny, path);
        foreach (var t in training.Values.OfType<Tensor>())
        {
            t.Dispose();
        }
    }

    [Fact]
    public void FallsBackToStateDictAndIgnoresLossKeys()
    {
        using var tiny = new TinyCase();
        using var discriminator = Tensor.Ones([2, 2]);
        var training = tiny.Weights.ToDictionary(kv => kv.Key, kv => (object)kv.Value);
        training["loss.discriminator.main.0.weight"] = discriminator;
        training["loss.logvar"] = discriminator;
        var path = Path.Combine(folder, "checkpoint.ckpt");
        TorchSaveWriter.Write(path, new Dictionary<string, object>
        {
            ["state_dict"] = training,
            ["ema_state_dict"] = new Dictionary<string, object>(),
        });

        using var loaded = new DisposingDictionary(OdVaePickle.Load(path));
        Assert.DoesNotContain(loaded.Value.Keys, k => k.Contains("loss", StringComparison.Ordinal));
        Assert.Equal(tiny.Weights.Count, loaded.Value.Count);
        AssertDecodesLikeTheGolden(tiny, path);
    }

    [Fact]
    public void FolderWithConfigAndPickleLoads()
    {
        using var tiny = new TinyCase();
        File.WriteAllText(Path.Combine(folder, "config.json"), tiny.Config.GetRawText());
        TorchSaveWriter.Write(Path.Combine(folder, "checkpoint.ckpt"), new Dictionary<string, object>
        {
            ["ema_state_dict"] = tiny.Weights.ToDictionary(kv => kv.Key, kv => (object)kv.Value),
        });
        using var tokenizer = new OdVaeFamily().CreateTokenizer(new TokenizerRequest { WeightsPath = folder, DeviceContext = CpuDeviceContext.Instance });
        using var latent = tokenizer.Encode(tiny.Video, EncodeOptions.Default with { Scaled = false });
        TensorAssert.Close(tiny.Goldens["latent_mean"], latent, 1e-4);
    }

    private static void AssertDecodesLikeTheGolden(TinyCase tiny, string path)
    {
        using var tokenizer = new OdVaeFamily().CreateTokenizer(new TokenizerRequest { Config = tiny.Config, WeightsPath = path, DeviceContext = CpuDeviceContext.Instance });
        using var video = tokenizer.Decode(tiny.Goldens["latent_mean"], DecodeOptions.Default with { Scaled = false });
        TensorAssert.Close(tiny.Goldens["recon"], video, 5e-4);
    }

    private sealed class DisposingDictionary(Dictionary<string, Tensor> value) : IDisposable
    {
        public Dictionary<string, Tensor> Value { get; } = value;

        public void Dispose()
        {
            foreach (var t in Value.Values)
            {
                t.Dispose();
            }
        }
    }
}
