using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VideoPipe.Engine;
using VideoPipe.Jobs;

namespace VideoPipe.Host;

/// <summary><c>videopipe latents decode</c>: a dataset of latents back to one video per source. See docs/precompute.md.</summary>
internal static class LatentsCommand
{
    public static Command Create()
    {
        var command = new Command("latents", "Work with datasets of latents (precompute or store-latents). Subcommands: decode.");
        command.Subcommands.Add(CreateDecode());
        return command;
    }

    private static Command CreateDecode()
    {
        var dataset = new Argument<string>("dataset") { Description = "a precompute dataset folder (safetensors or wds) or a folder of latent files" };
        var output = new Argument<string>("output") { Description = "folder for the videos: one per source, named after it" };
        var tokenizer = SharedOptions.Tokenizer();
        tokenizer.Description = "the shipped model, preset or family id the latents were made with (default " + ShippedModels.DefaultName + ")";
        var weights = SharedOptions.Weights();
        weights.Description = "checkpoint file or folder (its hash must match the dataset's; not needed for a shipped model)";
        var config = new Option<string?>("--config") { Description = "the family's upstream config (JSON; a golden case.json also works)" };
        var randomWeights = new Option<ulong?>("--random-weights-seed") { Description = "random weights from this seed (datasets made the same way; tests and benchmarks)" };
        var fingerprint = new Option<string?>("--fingerprint") { Description = "the config fingerprint (or its start) when the dataset holds several configs" };
        var force = new Option<bool>("--force") { Description = "decode even if the dataset records another tokenizer or other weights" };
        var device = new Option<string>("--device") { Description = "cpu or cuda[:i]", DefaultValueFactory = _ => "cpu" };
        var dtype = new Option<string>("--dtype") { Description = "float32 or bfloat16", DefaultValueFactory = _ => "float32" };
        var seed = new Option<ulong?>("--seed") { Description = "noise seed for generative decoders (cdt)" };
        var settings = SharedOptions.Setting();
        var plugins = SharedOptions.Plugins();
        var grace = SharedOptions.Grace();
        var command = new Command("decode", "Decode a dataset's latents to one video per source (its clips in order). Exit codes as for run; 2 when the dataset was made with another tokenizer or weights (--force overrides).")
        {
            dataset, output, tokenizer, weights, config, randomWeights, fingerprint, force, device, dtype, seed, settings, plugins, grace,
        };
        command.SetAction(async (parse, _) =>
        {
            if (SharedOptions.ResolveSettings("latents decode", parse.GetValue(settings)) is not { } familySettings)
            {
                return (int)PipelineOutcome.Invalid;
            }

            if (SharedOptions.ResolveModel("latents decode", parse.GetValue(tokenizer), parse.GetValue(weights), parse.GetValue(config), parse.GetValue(randomWeights)) is not { } model)
            {
                return (int)PipelineOutcome.Invalid;
            }

            var request = new LatentsDecodeRequest
            {
                Dataset = parse.GetValue(dataset)!,
                OutputDirectory = parse.GetValue(output)!,
                Tokenizer = model.Tokenizer,
                WeightsPath = model.WeightsPath,
                ConfigPath = model.ConfigPath,
                RandomWeightsSeed = model.RandomWeightsSeed,
                Fingerprint = parse.GetValue(fingerprint),
                Force = parse.GetValue(force),
                Device = parse.GetValue(device)!,
                DType = parse.GetValue(dtype)!,
                Seed = parse.GetValue(seed),
                Settings = familySettings,
            };
            var builder = VideoPipeHost.CreateBuilder(parse.GetValue(plugins) ?? [], TimeSpan.FromSeconds(parse.GetValue(grace)));
            builder.Services.AddSingleton(new RunRequest("latents decode", [], null)
            {
                Build = (components, loggers, cancellationToken) => LatentsDecodeJob.BuildAsync(request, components, loggers.CreateLogger("VideoPipe.Latents"), cancellationToken),
            });
            builder.Services.AddHostedService<PipelineRunService>();
            return await VideoPipeHost.RunAsync(builder.Build());
        });
        return command;
    }
}
