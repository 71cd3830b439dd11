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
}
