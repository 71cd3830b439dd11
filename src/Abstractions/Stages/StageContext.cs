using System.Text.Json;
using Microsoft.Extensions.Logging;
using VideoPipe.Torch;

namespace VideoPipe.Abstractions;

/// <summary>Everything a stage type gets when the host creates a stage.</summary>
public sealed record StageContext
{
    public required string StageName { get; init; }

    /// <summary>The stage's <c>options</c> object (an empty object when absent).</summary>
    public required JsonElement Options { get; init; }

    /// <summary>Folder that relative paths in the options are resolved against (the pipeline file's folder).</summary>
    public required string BaseDirectory { get; init; }

    public required IDeviceContext DeviceContext { get; init; }

    public DType DType { get; init; } = DType.Float32;

    /// <summary>The tokenizer named by the stage's <c>tokenizer</c> option (model stages only).</summary>
    public ITokenizer? Tokenizer { get; init; }

    public required ILogger Logger { get; init; }

    public string ResolvePath(string path) => Path.GetFullPath(path, BaseDirectory);
}
