using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VideoPipe.Engine;

namespace VideoPipe.Jobs;

/// <summary>
/// <c>videopipe latents decode</c> as an Engine graph: load-dataset (per source) -> decode-latents -> stitch ->
/// write, one video per source named after it. Before building it checks that the dataset was made with this
/// tokenizer and these weights, and refuses otherwise unless forced.
/// </summary>
public static class LatentsDecodeJob
{
    public static async Task<PipelineDefinition> BuildAsync(LatentsDecodeRequest request, ComponentSet components, ILogger logger, CancellationToken cancellationToken)
    {
        var entries = LatentDataset.Scan(request.Dataset, request.Fingerprint);
        var (family, preset) = TokenizerLookup.Find(request.Tokenizer, components.Families.Values);
        var card = request.ConfigPath is null && preset is not null ? family.DescribePreset(preset) : null;
        if (card is not null)
        {
            CardSettings.RequireDeclared(card, request.Settings.Keys, "--setting");
        }
        var weights = await WeightsIdentity.OfAsync(request.WeightsPath, request.RandomWeightsSeed, cancellationToken);
        var differences = ProvenanceCheck.Differences(entries, family.Family, card, weights);
        if (differences.Count > 0 && !request.Force)
        {
            throw new InvalidDataException($"{request.Dataset} was not made with this tokenizer and weights; decoding it would give wrong videos: {string.Join("; ", differences)}. Pass --force to decode anyway.");
        }

        foreach (var difference in differences)
        {
            logger.LogWarning("--force: decoding although {Difference}", difference);
        }

        logger.LogInformation("Decoding {Clips} clips of {Sources} sources from {Dataset}", entries.Count, SourceLatents.Group(entries).Count, request.Dataset);
        var decodeOptions = new JsonObject { ["tokenizer"] = "model", ["settings"] = FamilySettingsJson.Of(request.Settings) };
        if (request.Seed is { } seed)
        {
            decodeOptions["seed"] = seed;
        }

        var loadOptions = new JsonObject { ["directory"] = Path.GetFullPath(request.Dataset), ["per"] = "source" };
        if (request.Fingerprint is { } fingerprint)
        {
            loadOptions["fingerprint"] = fingerprint;
        }

        var output = Path.GetFullPath(request.OutputDirectory);
        return new PipelineBuilder("latents-decode", Environment.CurrentDirectory)
            .Defaults(request.Device, request.DType)
            .Tokenizer("model", family.Family, preset, request.WeightsPath is { } w ? Path.GetFullPath(w) : null,
                request.ConfigPath is { } c ? Path.GetFullPath(c) : null, request.RandomWeightsSeed)
            .Stage("load", "load-dataset", null, loadOptions)
            .Stage("decode", "decode-latents", "load", decodeOptions)
            .Stage("stitch", "stitch", "decode", new JsonObject { ["overlap"] = "drop" })
            .Stage("write", "write", "stitch", new JsonObject { ["directory"] = output, ["names"] = "source" })
            .Build();
    }
}
