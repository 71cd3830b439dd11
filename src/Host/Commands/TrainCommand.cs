using System.CommandLine;
using Microsoft.Extensions.Logging;
using VideoPipe.Abstractions;
using VideoPipe.Engine;
using VideoPipe.Jobs.Training;

namespace VideoPipe.Host;

/// <summary>
/// `videopipe train <train.json> --run-dir <dir>`, `train resume <run-dir>` and `train export <run-dir> <out>`.
/// Exit: 0 done, 1 diverged (non-finite losses), 2 invalid config, 3 time budget reached, 4 stopped by a signal.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var config = new Argument<FileInfo>("train.json") { Description = "training config (see configs/train/smoke.json)" };
        var runDir = new Option<string>("--run-dir") { Description = "folder for config.json, metrics.jsonl, curves.png and checkpoints/", Required = true };
        var set = SharedOptions.Set();
        var plugins = SharedOptions.Plugins();
        var command = new Command("train", "Train a tokenizer. Exit: 0 done, 1 diverged, 2 invalid, 3 time budget reached, 4 stopped (checkpoint written).")
        {
            config, runDir, set, plugins,
        };
        command.Subcommands.Add(CreateResume());
        command.Subcommands.Add(CreateExport());
        command.Subcommands.Add(TrainCompareCommand.Create());
        // Synchronous actions: the signal handlers are ours, so SIGTERM finishes the step and writes a checkpoint.
        command.SetAction(parse =>
        {
            TrainingOptions options;
            try
            {
                options = TrainingConfigFile.Load(parse.GetValue(config)!.FullName, parse.GetValue(set) ?? []);
            }
            catch (TrainingConfigException e)
            {
                Console.Error.WriteLine(e.Message);
                return (int)TrainingOutcome.Invalid;
            }

            return WithFamilies(parse.GetValue(plugins) ?? [], (families, logger, stopping) => TrainingJob.Start(options, parse.GetValue(runDir)!, families, logger, stopping));
        });
        return command;
    }

    private static Command CreateResume()
    {
        var runDir = new Argument<string>("run-dir") { Description = "the --run-dir of the run to continue" };
        var plugins = SharedOptions.Plugins();
        var command = new Command("resume", "Continue a run from its latest checkpoint (same config, same results as an uninterrupted run).") { runDir, plugins };
        command.SetAction(parse => WithFamilies(parse.GetValue(plugins) ?? [], (families, logger, stopping) =>
            TrainingJob.Resume(parse.GetValue(runDir)!, families, logger, stopping)));
        return command;
    }

    private static Command CreateExport()
    {
        var runDir = new Argument<string>("run-dir") { Description = "the run to export" };
        var output = new Argument<string>("out") { Description = "a .safetensors path (config.json goes beside it) or a folder (model.safetensors + config.json)" };
        var raw = new Option<bool>("--raw") { Description = "export the raw weights instead of their moving average" };
        var command = new Command("export", "Write the latest checkpoint's weights (EMA by default) as safetensors + the family's config.json.") { runDir, output, raw };
        command.SetAction(parse =>
        {
            try
            {
                var result = TrainingExport.Write(parse.GetValue(runDir)!, parse.GetValue(output)!, parse.GetValue(raw));
                Console.WriteLine($"step {result.Step} ({(result.Ema ? "EMA" : "raw")} weights) -> {result.WeightsPath} + {result.ConfigPath}");
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException)
            {
                Console.Error.WriteLine($"videopipe train export: {e.Message}");
                return (int)TrainingOutcome.Invalid;
            }
        });
        return command;
    }

    private static int WithFamilies(string[] pluginDirectories, Func<Func<string, ITokenizerFamily>, ILogger, CancellationToken, TrainingOutcome> train)
    {
        using var loggers = LoggerFactory.Create(builder => builder.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; }).SetMinimumLevel(LogLevel.Information));
        var logger = loggers.CreateLogger("VideoPipe.Train");
        var directories = pluginDirectories.Concat(PluginOptions.FromEnvironment()).Concat(PluginOptions.DefaultDirectories()).ToList();
        var catalog = new PluginCatalog(Microsoft.Extensions.Options.Options.Create(new PluginOptions { Directories = directories }), loggers.CreateLogger<PluginCatalog>());
        try
        {
            catalog.Refresh();
            return Run(catalog, logger, train);
        }
        finally
        {
            catalog.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    // Out of line so no reference into a plugin's load context outlives it (see PrecomputeCommand).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static int Run(PluginCatalog catalog, ILogger logger, Func<Func<string, ITokenizerFamily>, ILogger, CancellationToken, TrainingOutcome> train)
    {
        using var components = catalog.Acquire();
        ITokenizerFamily Find(string name) => components.Families.TryGetValue(name, out var family)
            ? family
            : throw new ArgumentException($"no tokenizer family '{name}' is loaded (loaded: {string.Join(", ", components.Families.Keys.Order(StringComparer.Ordinal))}; check --plugins)");
        using var signals = new TerminationSignals("train", "finishing the current step, writing a checkpoint, then exiting");
        try
        {
            return (int)train(Find, logger, signals.Stop);
        }
        catch (TrainingConfigException e)
        {
            Console.Error.WriteLine(e.Message);
            return (int)TrainingOutcome.Invalid;
        }
    }
}
