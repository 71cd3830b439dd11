using System.Text.Json;
using Microsoft.Extensions.Logging;
using VideoPipe.Abstractions;
using VideoPipe.Engine;

namespace VideoPipe.Precompute;

/// <summary>
/// One shard run of a dataset, shared by the pipeline's dataset stages: the shard lock, the ledger as it stood and
/// the open ledger, the latent store, the run's configuration (fingerprint) and its progress. Opened before the
/// stages start; <see cref="FinishAsync"/> records how the run ended.
/// </summary>
public sealed class DatasetRun : IAsyncDisposable
{
    private readonly ShardLock shardLock;
    private readonly ILogger logger;
    private readonly CancellationTokenSource reporting = new();
    private Task? reporter;

    private DatasetRun(RunContext context, ShardLock shardLock, ShardLedger ledger, CancellationToken stopIntake, ILogger logger)
    {
        Context = context;
        this.shardLock = shardLock;
        Ledger = ledger;
        StopIntake = stopIntake;
        this.logger = logger;
    }

    public RunContext Context { get; }

    public ShardLedger Ledger { get; }

    public RunProgress Progress { get; } = new();

    /// <summary>Stop decoding new work (SIGTERM): a source cut short has no source_done and is picked up by the next run.</summary>
    public CancellationToken StopIntake { get; }

    /// <summary>How often progress is logged.</summary>
    public static TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(15);

    public RunConfiguration Configuration => Context.Configuration;

    /// <summary>Validates the settings against the tokenizer, takes the shard lock and opens the store and the ledger.</summary>
    public static async Task<DatasetRun> OpenAsync(PrecomputeOptions options, ITokenizer tokenizer, string? configJson, string weightsIdentity,
        CancellationToken stopIntake, ILogger logger, CancellationToken cancellationToken)
    {
        var configuration = new RunConfiguration(options with { ModelDType = tokenizer.DType }, tokenizer.Card, configJson, weightsIdentity);
        if (DatasetSettingsCheck.Problems(options, tokenizer.Card) is [_, ..] problems)
        {
            throw new ArgumentException(string.Join("; ", problems.Select(p => $"{p.Option}: {p.Message}")));
        }

        var layout = new DatasetLayout(options.OutputDirectory, configuration.ShortFingerprint);
        var shard = options.Shard;
        var shardLock = ShardLock.Acquire(layout.LockFile(shard));
        ILatentStore? store = null;
        try
        {
            var prior = LedgerState.From(LedgerReader.ReadFile(layout.LedgerFile(shard)));
            store = options.Format == OutputFormat.WebDataset
                ? new WebDatasetLatentStore(layout, shard, prior, options.ArchiveTargetBytes)
                : new SafetensorsLatentStore(layout, shard, configuration.Fingerprint);
            await store.PrepareAsync(cancellationToken);
            WriteConfigFile(layout, configuration, layout.StagingDirectory(shard));
            var ledger = await ShardLedger.OpenAsync(layout.LedgerFile(shard), TimeProvider.System, cancellationToken);
            return new DatasetRun(new RunContext(configuration, layout, shard, prior, store), shardLock, ledger, stopIntake, logger);
        }
        catch
        {
            if (store is not null)
            {
                await store.DisposeAsync();
            }

            shardLock.Dispose();
            throw;
        }
    }

    /// <summary>Records the start of the run over <paramref name="sources"/> sources and starts the progress log.</summary>
    public async Task StartAsync(int sources, CancellationToken cancellationToken)
    {
        Progress.Sources = sources;
        await Ledger.AppendAsync(new LedgerRecord
        {
            Event = LedgerEvent.Started, Shard = Context.Shard.Name, Sources = sources, ProcessId = Environment.ProcessId, Fingerprint = Configuration.Fingerprint,
        }, cancellationToken);
        logger.LogInformation("shard {Shard}: {Sources} sources, config {Fingerprint}, output {Output}", Context.Shard, sources, Configuration.ShortFingerprint, Context.Layout.Root);
        reporter = ReportAsync(reporting.Token);
    }

    /// <summary>Records how the run ended (completed, or stopped with the reason) and, when complete, removes the staging folder.</summary>
    public async Task<string> FinishAsync(bool completed, string? failure, bool aborted)
    {
        await reporting.CancelAsync();
        if (reporter is not null)
        {
            await reporter;
        }

        var progress = Progress;
        var summary = $"{progress.SourcesFinished}/{progress.Sources} sources, {progress.Encoded} clips encoded, {progress.Recovered} recovered, {progress.Quarantined} quarantined, {progress.FailedAttempts} failed attempts in {progress.Elapsed:hh\\:mm\\:ss} ({progress.ClipsPerSecond:0.00} clips/s)";
        if (completed)
        {
            await Ledger.AppendAsync(new LedgerRecord
            {
                Event = LedgerEvent.Completed, Shard = Context.Shard.Name, Sources = progress.Sources, Done = progress.Encoded + progress.Recovered,
                Quarantined = progress.Quarantined, Seconds = Math.Round(progress.Elapsed.TotalSeconds, 3),
            }, CancellationToken.None);
            StagingFolder.Remove(Context.Layout.StagingDirectory(Context.Shard));
            logger.LogInformation("shard {Shard} complete: {Summary}", Context.Shard, summary);
            return summary;
        }

        var reason = failure ?? (aborted ? "stopped by signal; in-flight clips abandoned after the grace period" : "stopped by signal after draining in-flight clips");
        await Ledger.AppendAsync(new LedgerRecord
        {
            Event = LedgerEvent.Stopped, Shard = Context.Shard.Name, Reason = reason, Seconds = Math.Round(progress.Elapsed.TotalSeconds, 3),
        }, CancellationToken.None);
        if (failure is null)
        {
            logger.LogWarning("shard {Shard} {Reason}: {Summary}; rerun to resume", Context.Shard, reason, summary);
        }

        return $"{reason} ({summary})";
    }

    private async Task ReportAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ProgressInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var progress = Progress;
                logger.LogInformation(
                    "shard {Shard}: {Finished}/{Sources} sources, {Encoded} clips encoded, {Recovered} recovered, {Quarantined} quarantined, {Rate:0.00} clips/s, ETA {Eta}",
                    Context.Shard, progress.SourcesFinished, progress.Sources, progress.Encoded, progress.Recovered, progress.Quarantined, progress.ClipsPerSecond,
                    progress.EstimatedRemaining is { } eta ? eta.ToString(@"d\.hh\:mm\:ss") : "?");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>configs/&lt;fp&gt;.json: the first shard writes it (atomically); later ones check the format matches.</summary>
    private static void WriteConfigFile(DatasetLayout layout, RunConfiguration configuration, string staging)
    {
        var description = configuration.Describe();
        if (File.Exists(layout.ConfigFile))
        {
            using var existing = JsonDocument.Parse(File.ReadAllText(layout.ConfigFile));
            var format = existing.RootElement.TryGetProperty("format", out var value) ? value.GetString() : null;
            if (format != description["format"]!.GetValue<string>())
            {
                throw new ArgumentException($"{layout.Root} already holds this config in format '{format}'; use another output folder for format '{description["format"]}'");
            }

            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(layout.ConfigFile)!);
        var temporary = Path.Combine(staging, Path.GetFileName(layout.ConfigFile));
        File.WriteAllText(temporary, description.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.Move(temporary, layout.ConfigFile, overwrite: true);
    }

    public async ValueTask DisposeAsync()
    {
        await reporting.CancelAsync();
        if (reporter is not null)
        {
            await reporter;
        }

        await Ledger.DisposeAsync();
        await Context.Store.DisposeAsync();
        shardLock.Dispose();
        reporting.Dispose();
    }
}
