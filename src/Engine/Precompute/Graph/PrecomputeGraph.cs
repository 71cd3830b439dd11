using System.Text.Json.Nodes;
using VideoPipe.Engine;
using VideoPipe.Torch;

namespace VideoPipe.Precompute;

/// <summary>
/// The precompute job as an Engine graph, built in code from the command's settings: source (the dataset's input,
/// this shard's sources) -> decode-clips -> encode-clips -> store-dataset, all on one dataset. pipelines/precompute.json
/// is the same graph written as JSON.
/// </summary>
public static class PrecomputeGraph
{
    public const string DatasetName = "latents";

    public const string TokenizerName = "model";

    public static PipelineDefinition Build(PrecomputeOptions options, ComponentSet components)
    {
        var (family, preset) = TokenizerLookup.Find(options.Tokenizer, components.Families.Values);
        var dataset = new JsonObject { ["dataset"] = DatasetName };
        return new PipelineBuilder("precompute", Environment.CurrentDirectory)
            .Defaults(options.Device, options.ModelDType.TorchName())
            .OnError(ErrorPolicy.Quarantine)
            .Attempts(options.MaxAttempts)
            .Tokenizer(TokenizerName, family.Family, preset, options.WeightsPath is { } w ? Path.GetFullPath(w) : null,
                options.TokenizerConfigPath is { } c ? Path.GetFullPath(c) : null, options.RandomWeightsSeed)
            .Dataset(DatasetName, DatasetOptionsJson.Write(options with { OutputDirectory = Path.GetFullPath(options.OutputDirectory), Input = Path.GetFullPath(options.Input) }, TokenizerName))
            .Stage("source", "source", null, new JsonObject
            {
                ["input"] = Path.GetFullPath(options.Input), ["shardIndex"] = options.Shard.Index, ["shardCount"] = options.Shard.Count,
            })
            .Stage("decode", "decode-clips", "source", dataset.DeepClone().AsObject(), parallelism: options.DecodeWorkers)
            .Stage("encode", "encode-clips", "decode", new JsonObject { ["dataset"] = DatasetName, ["tokenizer"] = TokenizerName }, capacity: options.DecodedClipCapacity)
            .Stage("store", "store-dataset", "encode", dataset, capacity: options.EncodedClipCapacity)
            .Build();
    }
}
