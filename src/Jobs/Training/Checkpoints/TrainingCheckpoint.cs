using System.Text.Json;
using VideoPipe.Torch;
using VideoPipe.Torch.Checkpoints;

namespace VideoPipe.Jobs.Training;

/// <summary>
/// One safetensors file per checkpoint, written atomically (temporary file, fsync, rename): tensors under
/// "model/", "ema/", "optimizer/", "discriminator/", "discriminator_optimizer/" and the
/// <see cref="TrainingCheckpointState"/> as JSON in the header's metadata.
/// </summary>
public static class TrainingCheckpoint
{
    public const string StateKey = "videopipe.training";
    public const string Model = "model/";
    public const string Ema = "ema/";
    public const string Optimizer = "optimizer/";
    public const string Discriminator = "discriminator/";
    public const string DiscriminatorOptimizer = "discriminator_optimizer/";

    public static void Save(string path, TrainingCheckpointState state, IReadOnlyDictionary<string, IReadOnlyDictionary<string, Tensor>> sections)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (prefix, section) in sections)
        {
            foreach (var (name, tensor) in section)
            {
                tensors[prefix + name] = tensor;
            }
        }

        Safetensors.Save(path, tensors, new Dictionary<string, string>
        {
            ["format"] = "pt",
            [StateKey] = JsonSerializer.Serialize(state, TrainingConfigFile.Json),
        });
    }

    public static TrainingCheckpointState ReadState(string path)
    {
        using var file = SafetensorsFile.Open(path);
        return file.Metadata.TryGetValue(StateKey, out var json)
            ? JsonSerializer.Deserialize<TrainingCheckpointState>(json, TrainingConfigFile.Json)!
            : throw new InvalidDataException($"{path} is not a training checkpoint (no '{StateKey}' metadata)");
    }

    /// <summary>The tensors under <paramref name="prefix"/>, keyed without it (the caller disposes them).</summary>
    public static Dictionary<string, Tensor> Section(IReadOnlyDictionary<string, Tensor> all, string prefix) =>
        all.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value, StringComparer.Ordinal);
}
