using System.Text.Json;
using System.Text.Json.Nodes;

namespace VideoPipe.Engine;

/// <summary>
/// Builds a <see cref="PipelineDefinition"/> in code, for jobs that make their graph from command-line settings
/// instead of a file. The result is validated and run exactly like a parsed pipeline file.
/// </summary>
public sealed class PipelineBuilder(string name, string baseDirectory)
{
    private readonly Dictionary<string, TokenizerDefinition> tokenizers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DatasetDefinition> datasets = new(StringComparer.Ordinal);
    private readonly List<StageDefinition> stages = [];
    private PipelineDefaults defaults = PipelineDefaults.Builtin;
    private ErrorPolicy errorPolicy = ErrorPolicy.FailFast;
    private int attempts = 1;

    /// <param name="capacity">Channel capacity of the stages added afterwards (null: the built-in default).</param>
    public PipelineBuilder Defaults(string device, string dtype, int? capacity = null)
    {
        defaults = defaults with { Device = device, DType = dtype, Capacity = capacity ?? defaults.Capacity };
        return this;
    }

    public PipelineBuilder OnError(ErrorPolicy policy)
    {
        errorPolicy = policy;
        return this;
    }

    /// <summary>Calls a stage may make on one message before its error counts (the pipeline's <c>attempts</c>).</summary>
    public PipelineBuilder Attempts(int count)
    {
        attempts = count >= 1 ? count : throw new ArgumentException($"attempts {count} must be at least 1 (precompute: --max-attempts)");
        return this;
    }

    /// <param name="weights">A checkpoint path (relative ones resolve against the base directory).</param>
    /// <param name="configPath">The family's upstream config file, or a case.json holding one.</param>
    public PipelineBuilder Tokenizer(string tokenizerName, string family, string? preset, string? weights, string? configPath, ulong? randomWeightsSeed)
    {
        tokenizers[tokenizerName] = new TokenizerDefinition
        {
            Name = tokenizerName,
            Family = family,
            Preset = preset,
            Weights = weights,
            ConfigPath = configPath,
            RandomWeightsSeed = randomWeightsSeed,
            JsonPath = $"$.tokenizers.{tokenizerName}",
        };
        return this;
    }

    /// <summary>A latent dataset the dataset stages name in their <c>dataset</c> option.</summary>
    public PipelineBuilder Dataset(string datasetName, JsonObject options)
    {
        datasets[datasetName] = new DatasetDefinition
        {
            Name = datasetName,
            Options = JsonSerializer.SerializeToElement(options),
            JsonPath = $"$.datasets.{datasetName}",
        };
        return this;
    }

    /// <param name="from">The stage feeding this one (null for a source).</param>
    public PipelineBuilder Stage(string stageName, string type, string? from, JsonObject options, int? capacity = null, int? parallelism = null)
    {
        stages.Add(new StageDefinition
        {
            Name = stageName,
            Type = type,
            From = from,
            Capacity = capacity ?? defaults.Capacity,
            Parallelism = parallelism ?? defaults.Parallelism,
            Options = JsonSerializer.SerializeToElement(options),
            JsonPath = $"$.stages[{stages.Count}]",
        });
        return this;
    }

    public PipelineDefinition Build() => new()
    {
        Name = name,
        BaseDirectory = Path.GetFullPath(baseDirectory),
        Defaults = defaults,
        ErrorPolicy = errorPolicy,
        Attempts = attempts,
        Tokenizers = new Dictionary<string, TokenizerDefinition>(tokenizers, StringComparer.Ordinal),
        Datasets = new Dictionary<string, DatasetDefinition>(datasets, StringComparer.Ordinal),
        Stages = stages.ToList(),
    };
}
