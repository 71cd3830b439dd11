using VideoPipe.Torch;
using VideoPipe.Torch.Checkpoints;

namespace VideoPipe.Plugins.OdVae.Loading;

/// <summary>
/// Reads OD-VAE weights with upstream key names from a Hugging Face-style folder (config.json plus *.safetensors,
/// or the released checkpoint.ckpt), a single .safetensors file, or an upstream pickle (.ckpt/.pth/.pt).
/// </summary>
public static class OdVaeCheckpoint
{
    private static readonly string[] PickleExtensions = [".ckpt", ".pth", ".pt", ".bin"];

    public static Dictionary<string, Tensor> Load(string path)
    {
        if (Directory.Exists(path))
        {
            return LoadFolder(path);
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"OD-VAE checkpoint {path} does not exist", path);
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension == ".safetensors")
        {
            return Safetensors.Load(path);
        }

        if (PickleExtensions.Contains(extension))
        {
            return OdVaePickle.Load(path);
        }

        throw new NotSupportedException($"OD-VAE checkpoint {path}: expected a folder, a .safetensors file or an upstream pickle ({string.Join(", ", PickleExtensions)})");
    }

    private static Dictionary<string, Tensor> LoadFolder(string folder)
    {
        var shards = Directory.GetFiles(folder, "*.safetensors").OrderBy(f => f, StringComparer.Ordinal).ToArray();
        if (shards.Length == 0)
        {
            var pickles = PickleExtensions.SelectMany(e => Directory.GetFiles(folder, "*" + e)).OrderBy(f => f, StringComparer.Ordinal).ToArray();
            return pickles.Length == 1
                ? OdVaePickle.Load(pickles[0])
                : throw new FileNotFoundException($"OD-VAE folder {folder} holds no *.safetensors and {pickles.Length} pickles (need exactly one)");
        }

        var merged = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var shard in shards)
        {
            foreach (var (name, tensor) in Safetensors.Load(shard))
            {
                if (!merged.TryAdd(name, tensor))
                {
                    tensor.Dispose();
                    throw new CheckpointFormatException(shard, $"tensor '{name}' also appears in another shard of {folder}");
                }
            }
        }

        return merged;
    }
}
