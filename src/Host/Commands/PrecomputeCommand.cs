using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using VideoPipe.Abstractions;
using VideoPipe.Engine;
using VideoPipe.Precompute;
using VideoPipe.Torch;
using VideoPipe.Media;

namespace VideoPipe.Host;

/// <summary>
/// <c>videopipe precompute</c> (one shard of a dataset's latents), <c>precompute merge</c> and
/// <c>precompute status</c>. See docs/precompute.md.
/// </summary>
internal static class PrecomputeCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "A folder (scanned recursively), a glob (quote it), or a manifest (.jsonl with \"path\", or .csv with a path column)." };
        var output = new Option<string>("--output") { Description = "The dataset folder (shared by all shards)." };
        var tokenizer = SharedOptions.Tokenizer();
        var weights = SharedOptions.Weights();
        var config = new Option<string?>("--config") { Description = "The family's upstream config (JSON; a golden case.json also works)." };
        var randomWeights = new Option<ulong?>("--random-weights-seed") { Description = "Random weights from this seed instead of --weights (benchmarks only)." };
        var clipFrames = new Option<int?>("--clip-frames") { Description = "Frames per clip (must follow the tokenizer's frame rule, e.g. 1+4k). Default: the whole video." };
        var clipStride = new Option<int?>("--clip-stride") { Description = "Frames between clip starts (default: --clip-frames, no overlap)." };
        var maxClipFrames = new Option<int>("--max-clip-frames") { Description = "Most frames one clip may hold in memory; a longer whole-video clip quarantines its source (families with exact streaming sessions, IV-VAE and CDT, stream whole videos and need no cap).", DefaultValueFactory = _ => ClipWindowing.DefaultMaxClipFrames };
        var fps = new Option<double?>("--fps") { Description = "Resample to this frame rate first (by timestamps)." };
        var size = new Option<string?>("--size") { Description = "Output WxH (multiples of the tokenizer's alignment). Default: source size trimmed to the alignment." };
        var buckets = new Option<string?>("--buckets")
        {
            Description = "Aspect-ratio buckets instead of --size: WxH or WxHxF, comma-separated, or a JSON file of such strings; each source goes to the nearest aspect ratio, is resized to cover and centre-cropped, F frames per clip (fitted to the frame rule).",
        };
        var crop = new Option<string>("--crop") { Description = "How --size is reached: center (resize to cover, cut the centre).", DefaultValueFactory = _ => "center" };
        var shard = new Option<string?>("--shard") { Description = "This process's shard i/N (0-based). Default: SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX + VIDEOPIPE_SHARD_COUNT, RANK/WORLD_SIZE, else 0/1." };
        var format = new Option<string>("--format") { Description = "safetensors (one file per clip) or wds (WebDataset tar shards).", DefaultValueFactory = _ => "safetensors" };
        var posterior = new Option<string>("--posterior") { Description = "mean or sample.", DefaultValueFactory = _ => "mean" };
        var seed = new Option<ulong>("--seed") { Description = "Base seed for --posterior sample (each clip derives its own, recorded)." };
        var unscaled = new Option<bool>("--unscaled") { Description = "Store latents without the tokenizer's scale/shift." };
        var device = new Option<string>("--device") { Description = "cpu or cuda[:i].", DefaultValueFactory = _ => "cpu" };
        var dtype = new Option<string>("--dtype") { Description = "Model dtype (float32, bfloat16).", DefaultValueFactory = _ => "float32" };
        var latentDType = new Option<string>("--latent-dtype") { Description = "Stored latent dtype (float32, bfloat16, float16).", DefaultValueFactory = _ => "float32" };
        var settings = SharedOptions.Setting();
        var plugins = new Option<string?>("--plugins") { Description = "Plugin folder (default: VIDEOPIPE_PLUGINS, plugins/ beside the program, or artifacts/plugins)." };
        var attempts = new Option<int>("--max-attempts") { Description = "Attempts per clip (and per source decode) before quarantine.", DefaultValueFactory = _ => 3 };
        var itemTimeout = new Option<double>("--item-timeout") { Description = "Seconds one clip may take to decode or encode.", DefaultValueFactory = _ => 600 };
        var grace = new Option<double>("--grace-period") { Description = "Seconds after SIGTERM for in-flight clips to finish.", DefaultValueFactory = _ => 20 };
        var decodeWorkers = new Option<int>("--decode-workers") { Description = "Sources decoded at once (the decode-clips stage's parallelism); above 1 the ledger and WebDataset tars record clips in completion order, not work-list order.", DefaultValueFactory = _ => 1 };
        var decodeNice = new Option<int>("--decode-nice") { Description = "Nice value (Linux CPU priority) of the decoding ffmpeg processes, so a CPU encoder keeps its cores; 0 = the encoder's priority.", DefaultValueFactory = _ => 10 };
        var archiveSize = new Option<double>("--archive-gb") { Description = "WebDataset tar size in GB.", DefaultValueFactory = _ => 1.0 };

        var command = new Command("precompute", "Encode a dataset's videos into latents (one shard; resumable). Subcommands: merge, status.");
        foreach (var option in new Option[] { input, output, tokenizer, weights, config, randomWeights, clipFrames, clipStride, maxClipFrames, fps, size, buckets, crop, shard, format, posterior, seed, unscaled, device, dtype, latentDType, settings, plugins, attempts, itemTimeout, grace, decodeWorkers, decodeNice, archiveSize })
        {
            command.Options.Add(option);
        }

        command.Subcommands.Add(CreateMerge());
        command.Subcommands.Add(CreateStatus());

        // A synchronous action: System.CommandLine then leaves SIGTERM to us, so the grace period is ours to keep.
        command.SetAction(parse =>
        {
            using var loggers = CreateLoggers();
            PrecomputeOptions options;
            try
            {
                var model = ModelSelection.Resolve(parse.GetValue(tokenizer), parse.GetValue(weights), parse.GetValue(config), parse.GetValue(randomWeights));
                options = new PrecomputeOptions
                {
                    Input = Required(parse.GetValue(input), "--input"),
                    OutputDirectory = Required(parse.GetValue(output), "--output"),
                    Tokenizer = model.Tokenizer,
                    WeightsPath = model.WeightsPath,
                    TokenizerConfigPath = model.ConfigPath,
                    RandomWeightsSeed = model.RandomWeightsSeed,
                    ClipFrames = parse.GetValue(clipFrames),
                    ClipStride = parse.GetValue(clipStride),
                    MaxClipFrames = parse.GetValue(maxClipFrames),
                    Fps = parse.GetValue(fps),
                    Size = parse.GetValue(size) is { } sizeText ? FrameSize.Parse(sizeText) : null,
                    Buckets = parse.GetValue(buckets) is { } bucketText ? Bucket.ParseList(bucketText) : [],
                    Crop = parse.GetValue(crop) == "center" ? CropMode.Center : throw new FormatException($"--crop '{parse.GetValue(crop)}': only 'center' is supported"),
                    Shard = ShardResolver.Resolve(parse.GetValue(shard)),
                    Format = parse.GetValue(format) switch
                    {
                        "safetensors" => OutputFormat.Safetensors,
                        "wds" or "webdataset" => OutputFormat.WebDataset,
                        var other => throw new FormatException($"--format '{other}': use safetensors or wds"),
                    },
                    Posterior = parse.GetValue(posterior) switch
                    {
                        "mean" => PosteriorMode.Mean,
                        "sample" => PosteriorMode.Sample,
                        var other => throw new FormatException($"--posterior '{other}': use mean or sample"),
                    },
                    Seed = parse.GetValue(seed),
                    Scaled = !parse.GetValue(unscaled),
                    Device = parse.GetValue(device)!,
                    ModelDType = DTypeExtensions.ParseDType(parse.GetValue(dtype)!),
                    LatentDType = DTypeExtensions.ParseDType(parse.GetValue(latentDType)!),
                    TokenizerSettings = SharedOptions.ParseSettings(parse.GetValue(settings)),
                    PluginsDirectory = parse.GetValue(plugins),
                    MaxAttempts = parse.GetValue(attempts),
                    ItemTimeout = TimeSpan.FromSeconds(parse.GetValue(itemTimeout)),
                    GracePeriod = TimeSpan.FromSeconds(parse.GetValue(grace)),
                    DecodeWorkers = parse.GetValue(decodeWorkers),
                    DecodeNice = parse.GetValue(decodeNice),
                    ArchiveTargetBytes = (long)(parse.GetValue(archiveSize) * 1e9),
                };
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidDataException)
            {
                Console.Error.WriteLine($"videopipe precompute: {ex.Message}");
                return PrecomputeExitCodes.InvalidSettings;
            }

            // The engine's plugin catalog, loaded once: a batch job never hot-reloads.
            var directories = options.PluginsDirectory is { } folder
                ? [folder]
                : PluginOptions.FromEnvironment().Concat(PluginOptions.DefaultDirectories()).ToList();
            var catalog = new PluginCatalog(Microsoft.Extensions.Options.Options.Create(new PluginOptions { Directories = directories }), loggers.CreateLogger<PluginCatalog>());
            try
            {
                catalog.Refresh();
                return RunWithPlugins(catalog, loggers, options);
            }
            finally
            {
                catalog.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        });
        return command;
    }

    // Kept out of line so no reference into a plugin's load context outlives it: the catalog's dispose then sees
    // every context collected instead of waiting for its unload timeout.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static int RunWithPlugins(PluginCatalog catalog, ILoggerFactory loggers, PrecomputeOptions options)
    {
        using var components = catalog.Acquire();
        return new PrecomputeApplication(loggers, new DeviceManager()).RunAsync(options, components).GetAwaiter().GetResult();
    }

    private static Command CreateMerge()
    {
        var dataset = new Argument<string>("dataset-dir") { Description = "The dataset folder given to --output." };
        var fingerprint = new Option<string?>("--fingerprint") { Description = "Config fingerprint (prefix) when the folder holds several configs." };
        var command = new Command("merge", "Check every shard finished and write manifest.jsonl (every latent with its metadata) and quarantine.jsonl.");
        command.Arguments.Add(dataset);
        command.Options.Add(fingerprint);
        command.SetAction(parse =>
        {
            try
            {
                var result = DatasetMerger.Merge(parse.GetValue(dataset)!, parse.GetValue(fingerprint));
                if (!result.Complete)
                {
                    Console.Error.WriteLine("not merged:");
                    foreach (var problem in result.Problems)
                    {
                        Console.Error.WriteLine($"  {problem}");
                    }

                    return PrecomputeExitCodes.SystemicFault;
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Latents} latents in {result.ManifestPath}; {result.Quarantined} quarantined"));
                return 0;
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine($"videopipe precompute merge: {ex.Message}");
                return PrecomputeExitCodes.InvalidSettings;
            }
        });
        return command;
    }

    private static Command CreateStatus()
    {
        var dataset = new Argument<string>("dataset-dir") { Description = "The dataset folder given to --output." };
        var fingerprint = new Option<string?>("--fingerprint") { Description = "Config fingerprint (prefix) when the folder holds several configs." };
        var command = new Command("status", "Print per-shard counts, failures, throughput and ETA from the ledgers.");
        command.Arguments.Add(dataset);
        command.Options.Add(fingerprint);
        command.SetAction(parse =>
        {
            try
            {
                Console.Write(DatasetStatus.Read(parse.GetValue(dataset)!, parse.GetValue(fingerprint)).Render());
                return 0;
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine($"videopipe precompute status: {ex.Message}");
                return PrecomputeExitCodes.InvalidSettings;
            }
        });
        return command;
    }

    private static ILoggerFactory CreateLoggers() => LoggerFactory.Create(builder => builder
        .AddVideoPipeConsole()
        .SetMinimumLevel(Environment.GetEnvironmentVariable("VIDEOPIPE_LOG_LEVEL") is { Length: > 0 } level && Enum.TryParse<LogLevel>(level, true, out var parsed) ? parsed : LogLevel.Information));

    private static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{name} is required") : value;
}
