using System.Text.Json;

namespace VideoPipe.Jobs.Training;

/// <summary>The model to train: a family plus a preset or an upstream config; weights from a file or a seed.</summary>
public sealed class ModelOptions
{
    public string Family { get; set; } = "odvae";

    public string? Preset { get; set; }

    /// <summary>The family's upstream constructor config, inline or as a path to a JSON file (takes precedence over the preset).</summary>
    public JsonElement? Config { get; set; }

    /// <summary>Initial weights (safetensors or a checkpoint the family loads); null initialises randomly from <see cref="InitSeed"/>.</summary>
    public string? Weights { get; set; }

    public ulong InitSeed { get; set; }

    /// <summary>
    /// An image model of the same layout to start from (a safetensors file, or an export folder holding
    /// model.safetensors): after the seeded init, the family inflates its 2D kernels into the video model's 3D ones
    /// (<see cref="InitMode"/>). OD-VAE's tail initialization; null: no inflation.
    /// </summary>
    public string? InitFrom { get; set; }

    /// <summary>"tail" (the 2D kernel at the last time step) or "average" (spread evenly over the time steps).</summary>
    public string InitMode { get; set; } = "tail";

    /// <summary>
    /// A smaller trained model to grow from (a safetensors file, or an export folder holding model.safetensors and
    /// config.json): after the seeded init, the shared parts take its weights and the new parts the family's growth
    /// initialization (ProMAG's Stages II and III). Null: no growth.
    /// </summary>
    public string? GrowFrom { get; set; }
}
