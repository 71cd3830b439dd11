using VideoPipe.Torch.Checkpoints;
using VideoPipe.Engine;

namespace VideoPipe.Precompute;

/// <summary>
/// Whether a latent file is complete: its safetensors header parses, its tensors exactly fill the rest of the file
/// (a truncated file fails), and it names the expected item and config fingerprint.
/// </summary>
public static class LatentFileCheck
{
    public static bool IsValid(string path, string itemId, string fingerprint, out IReadOnlyDictionary<string, string> metadata)
    {
        metadata = new Dictionary<string, string>();
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            using var file = SafetensorsFile.Open(path);
            metadata = file.Metadata;
            return file.Contains(LatentFile.SingleTensorName)
                && file.Metadata.TryGetValue("item_id", out var id) && id == itemId
                && file.Metadata.TryGetValue("config_fingerprint", out var fp) && fp == fingerprint;
        }
        catch (Exception ex) when (ex is CheckpointFormatException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
