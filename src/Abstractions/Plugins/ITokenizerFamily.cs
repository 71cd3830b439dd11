using System.Text.Json;
using VideoPipe.Torch;

namespace VideoPipe.Abstractions;

/// <summary>How to build a tokenizer: a preset or an upstream config, plus weights, device and dtype.</summary>
public sealed record TokenizerRequest
{
    /// <summary>A preset name (e.g. odvae-v1.2); ignored for the architecture when <see cref="Config"/> is set.</summary>
    public string? Preset { get; init; }

    /// <summary>The family's upstream constructor configuration (keys as upstream names them).</summary>
    public JsonElement? Config { get; init; }

    /// <summary>Checkpoint: a safetensors file, a Hugging Face-style folder or an upstream pickle (.ckpt/.pth).</summary>
    public string? WeightsPath { get; init; }

    /// <summary>Already-loaded state dict (takes precedence over <see cref="WeightsPath"/>).</summary>
    public IReadOnlyDictionary<string, Tensor>? Weights { get; init; }

    public required IDeviceContext DeviceContext { get; init; }

    public DType DType { get; init; } = DType.Float32;

    /// <summary>Random weights instead of a checkpoint (benchmarks only), drawn from this seed.</summary>
    public ulong? RandomWeightsSeed { get; init; }
}

/// <summary>A tokenizer family a plugin offers.</summary>
public interface ITokenizerFamily
{
    /// <summary>Family id as in case.json ("odvae", "ivvae", "cdt").</summary>
    string Family { get; }

    IReadOnlyList<string> Presets { get; }

    TokenizerCard DescribePreset(string preset);

    ITokenizer Create(TokenizerRequest request);
}

/// <summary>The entry type named in a plugin's plugin.json.</summary>
public interface IVideoPipePlugin
{
    IReadOnlyList<ITokenizerFamily> Families { get; }
}
