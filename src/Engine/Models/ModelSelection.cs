using VideoPipe.Abstractions;

namespace VideoPipe.Engine;

/// <summary>
/// What a command's <c>--tokenizer</c>, <c>--weights</c>, <c>--config</c> and <c>--random-weights-seed</c> select,
/// with the shipped models filling in what is left out: no tokenizer means <see cref="ShippedModels.DefaultName"/>,
/// a tokenizer that names a shipped model needs no weights, and weights with a config.json beside them (an export
/// of <c>videopipe train</c>) need no <c>--config</c>.
/// </summary>
public sealed record ModelSelection(string Tokenizer, string? WeightsPath, string? ConfigPath, ulong? RandomWeightsSeed)
{
    public static ModelSelection Resolve(string? tokenizer, string? weights, string? config, ulong? randomWeightsSeed, IReadOnlyList<string>? roots = null)
    {
        if (tokenizer is null && (weights is not null || config is not null || randomWeightsSeed is not null))
        {
            throw new ArgumentException("--tokenizer is required with --weights, --config or --random-weights-seed (without all four, the shipped default model runs)");
        }

        var name = tokenizer ?? ShippedModels.DefaultName;
        if (weights is not null || randomWeightsSeed is not null)
        {
            return new ModelSelection(name, weights, config ?? (weights is null ? null : CheckpointConfig.Find(weights)), randomWeightsSeed);
        }

        var shipped = ShippedModels.Find(name, roots)
            ?? throw new ArgumentException(tokenizer is null
                ? $"the default model '{name}' is not installed (shipped models: {ShippedModels.Names(roots)}); name a tokenizer and its --weights"
                : $"--weights is required for '{name}': no shipped model has that name (shipped: {ShippedModels.Names(roots)}); --random-weights-seed gives random weights for benchmarks");
        return new ModelSelection(shipped.Preset, shipped.WeightsPath, config ?? shipped.ConfigPath, null);
    }
}
