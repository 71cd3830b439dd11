using System.Text.Json;

namespace VideoPipe.Engine;

/// <summary>What happens to an item whose processing throws.</summary>
public enum ErrorPolicy
{
    /// <summary>Stop the whole pipeline at the first error.</summary>
    FailFast,

    /// <summary>Record the item with its reason, drop its remaining work, go on with the others.</summary>
    Quarantine,
}

/// <summary>A parsed pipeline file (after <c>--set</c> overrides). Paths are JSON paths for error messages.</summary>
public sealed record PipelineDefinition
{
    public required string Name { get; init; }

    /// <summary>Folder relative paths resolve against (the pipeline file's folder).</summary>
    public required string BaseDirectory { get; init; }

    public required PipelineDefaults Defaults { get; init; }

    public required ErrorPolicy ErrorPolicy { get; init; }

    /// <summary>
    /// Longest an item may take from the first stage after its source until it is done (null: no limit). Past it the
    /// item fails like any other error: quarantined with a timeout reason, or the run fails under failFast.
    /// </summary>
    public TimeSpan? ItemTimeout { get; init; }

    /// <summary>
    /// Calls a retryable stage (<see cref="Abstractions.IRetryableStage"/>: whole-tile encode and decode) may make on
    /// one message before its error counts (1: no retry). A stage that emitted before failing is not retried.
    /// </summary>
    public int Attempts { get; init; } = 1;

    public required IReadOnlyDictionary<string, TokenizerDefinition> Tokenizers { get; init; }

    /// <summary>Named latent datasets the dataset stages (decode-clips, encode-clips, store-dataset) share by name.</summary>
    public IReadOnlyDictionary<string, DatasetDefinition> Datasets { get; init; } = new Dictionary<string, DatasetDefinition>(StringComparer.Ordinal);

    public required IReadOnlyList<StageDefinition> Stages { get; init; }
}

public sealed record PipelineDefaults(int Capacity, int Parallelism, string Device, string DType)
{
    public static readonly PipelineDefaults Builtin = new(4, 1, "cpu", "float32");
}

/// <summary>A named tokenizer the model stages refer to by name (encode and decode share one instance).</summary>
public sealed record TokenizerDefinition
{
    public required string Name { get; init; }

    public required string Family { get; init; }

    public string? Preset { get; init; }

    /// <summary>Upstream constructor config: inline object, or a path to a JSON file (then <see cref="ConfigPath"/>).</summary>
    public JsonElement? Config { get; init; }

    public string? ConfigPath { get; init; }

    public string? Weights { get; init; }

    public ulong? RandomWeightsSeed { get; init; }

    public required string JsonPath { get; init; }
}

public sealed record StageDefinition
{
    public required string Name { get; init; }

    public required string Type { get; init; }

    /// <summary>The stage whose output feeds this one (null for sources).</summary>
    public string? From { get; init; }

    /// <summary>Capacity of the channel into this stage.</summary>
    public required int Capacity { get; init; }

    public required int Parallelism { get; init; }

    public string? Device { get; init; }

    public string? DType { get; init; }

    public required JsonElement Options { get; init; }

    /// <summary>JSON path of the stage object, e.g. <c>$.stages[2]</c>.</summary>
    public required string JsonPath { get; init; }
}
