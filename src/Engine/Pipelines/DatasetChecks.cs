using VideoPipe.Abstractions;
using VideoPipe.Precompute;

namespace VideoPipe.Engine;

/// <summary>
/// The validator's dataset checks: every dataset's options read cleanly and name a declared tokenizer, their clip
/// settings suit its card (frame rule, alignment), and every dataset stage names a declared dataset.
/// </summary>
internal static class DatasetChecks
{
    public static void Check(PipelineDefinition pipeline, IReadOnlyDictionary<string, TokenizerCard> cards, ComponentSet components, List<ValidationError> errors)
    {
        foreach (var dataset in pipeline.Datasets.Values)
        {
            if (DatasetOptionsJson.Read(dataset.Options, dataset.JsonPath, pipeline.BaseDirectory, errors) is not { } options)
            {
                continue;
            }

            if (!pipeline.Tokenizers.ContainsKey(options.Tokenizer))
            {
                errors.Add(new ValidationError($"{dataset.JsonPath}.tokenizer", $"no tokenizer named '{options.Tokenizer}'; declared: {string.Join(", ", pipeline.Tokenizers.Keys)}"));
            }
            else if (cards.TryGetValue(options.Tokenizer, out var card))
            {
                CheckAgainstCard(dataset, options, card, errors);
            }
        }

        foreach (var stage in pipeline.Stages)
        {
            if (components.StageTypes.TryGetValue(stage.Type, out var type) && type is IDatasetStageType
                && DatasetOptionsJson.Reference(stage.Options) is { } name && !pipeline.Datasets.ContainsKey(name))
            {
                var declared = pipeline.Datasets.Count == 0 ? "none are declared; add one under $.datasets" : $"declared: {string.Join(", ", pipeline.Datasets.Keys)}";
                errors.Add(new ValidationError($"{stage.JsonPath}.options.dataset", $"no dataset named '{name}'; {declared}"));
            }
        }
    }

    private static void CheckAgainstCard(DatasetDefinition dataset, PrecomputeOptions options, TokenizerCard card, List<ValidationError> errors) =>
        errors.AddRange(DatasetSettingsCheck.Problems(options, card).Select(p => new ValidationError($"{dataset.JsonPath}.{p.Option}", p.Message)));
}
