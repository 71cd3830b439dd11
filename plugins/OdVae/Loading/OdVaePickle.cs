using VideoPipe.Torch;
using VideoPipe.Torch.Checkpoints;

namespace VideoPipe.Plugins.OdVae.Loading;

/// <summary>
/// Upstream init_from_ckpt rules for the original pickled checkpoint: a non-empty <c>ema_state_dict</c> wins (unless
/// the environment variable NOT_USE_EMA_MODEL is set) with any <c>module.</c> prefix stripped; otherwise
/// <c>state_dict["gen_model"]</c>, <c>state_dict</c> or the root. Keys containing "loss" (discriminator, LPIPS) are
/// dropped; the caller then loads strictly.
/// </summary>
public static class OdVaePickle
{
    public const string EmaKey = "ema_state_dict";
    public const string DisableEmaVariable = "NOT_USE_EMA_MODEL";

    public static Dictionary<string, Tensor> Load(string path)
    {
        var useEma = Environment.GetEnvironmentVariable(DisableEmaVariable) is null;
        var loaded = (useEma ? TryLoad(path, EmaKey, "module.") : null)
            ?? TryLoad(path, "state_dict.gen_model", null)
            ?? TryLoad(path, "state_dict", null)
            ?? Checkpoint.LoadStateDict(path);
        return WithoutLossKeys(loaded);
    }

    /// <summary>Drops (and disposes) every tensor whose key contains "loss".</summary>
    public static Dictionary<string, Tensor> WithoutLossKeys(Dictionary<string, Tensor> stateDict)
    {
        var kept = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in stateDict)
        {
            if (name.Contains("loss", StringComparison.Ordinal))
            {
                tensor.Dispose();
            }
            else
            {
                kept[name] = tensor;
            }
        }

        return kept;
    }

    private static LoadedStateDict? TryLoad(string path, string key, string? stripPrefix)
    {
        LoadedStateDict loaded;
        try
        {
            loaded = Checkpoint.LoadStateDict(path, key, stripPrefix);
        }
        catch (KeyNotFoundException)
        {
            return null;
        }

        if (loaded.Count > 0)
        {
            return loaded;
        }

        loaded.Dispose();
        return null;
    }
}
