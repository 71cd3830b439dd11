using VideoPipe.Plugins.IvVae.Model;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Loading;

/// <summary>
/// Checkpoint rules: released .pth files are flat state dicts with the module keys (strict load; the family base
/// reads the file, a .pth or a safetensors conversion); benchmark weights from a seed.
/// </summary>
internal static class IvVaeWeights
{
    private const string DataParallelPrefix = "module.";

    /// <summary>Strictly loads <paramref name="weights"/>, accepting a DataParallel "module." prefix on every key.</summary>
    public static void Load(IvVaeModel model, IReadOnlyDictionary<string, Tensor> weights)
    {
        var normalized = weights.Count > 0 && weights.Keys.All(k => k.StartsWith(DataParallelPrefix, StringComparison.Ordinal))
            ? weights.ToDictionary(kv => kv.Key[DataParallelPrefix.Length..], kv => kv.Value, StringComparer.Ordinal)
            : weights;
        model.LoadStateDict(normalized, strict: true);
    }

    /// <summary>
    /// Benchmark weights from a seed: convolution weights N(0, 1/fan_in), biases N(0, 0.05²), norm gammas
    /// 1 + N(0, 0.1²), so activations keep a realistic scale through the whole network.
    /// </summary>
    public static void InitializeRandom(IvVaeModel model, Generator generator)
    {
        foreach (var (name, slot) in model.NamedTensors())
        {
            var value = slot.Value;
            using var scope = DisposeScope.Enter();
            var noise = Tensor.Randn(generator, value.Shape);
            Tensor init;
            if (name.EndsWith(".gamma", StringComparison.Ordinal))
            {
                init = noise * 0.1 + 1.0;
            }
            else if (name.EndsWith(".bias", StringComparison.Ordinal))
            {
                init = noise * 0.05;
            }
            else
            {
                var fanIn = value.Numel / value.Size(0);
                init = noise * (1.0 / Math.Sqrt(fanIn));
            }

            value.CopyFrom(init);
        }
    }
}
