using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using VideoPipe.Abstractions;
using VideoPipe.Media;

namespace VideoPipe.Precompute;

/// <summary>
/// Runs one shard: decode (ffmpeg, a few sources ahead) → encode (one tokenizer) → store (latents, then ledger),
/// joined by bounded channels so the three overlap. Resumable at any point: finished items are recognised by their
/// outputs, the ledger records only what is durable.
/// </summary>
public sealed class PrecomputeRunner(ILoggerFactory loggers, TimeProvider clock)
{
    private readonly ILogger logger = loggers.CreateLogger<PrecomputeRunner>();

    /// <summary>How often progress is logged.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(15);

    public async Task<PrecomputeOutcome> RunAsync(PrecomputeOptions options, LoadedTokenizer tokenizer, IDeviceContext device, StopSignals stop)
    {
        var configuration = new RunConfiguration(options, tokenizer.Card, tokenizer.ConfigJson, tokenizer.WeightsIdentity);
        Validate(configuration);
        var layout = new DatasetLayout(options.OutputDirectory, configuration.ShortFingerprint);
        var shard = options.Shard;
        try
        {
            using var shardLock = ShardLock.Acquire(layout.LockFile(shard));
            var prior = LedgerState.From(LedgerReader.ReadFile(layout.LedgerFile(shard)));
            await using var store = CreateStore(options, layout, shard, configuration.Fingerprint, prior);
            await store.PrepareAsync(stop.Abort);
            WriteConfigFile(layout, configuration, layout.StagingDirectory(shard));
            await using var ledger = await ShardLedger.OpenAsync(layout.LedgerFile(shard), clock, stop.Abort);
            var sources = SourceListReader.Read(options.Input).Where(source => shard.Owns(source.Position)).ToList();
            await ledger.AppendAsync(new LedgerRecord
            {
                Event = LedgerEvent.Started, Shard = shard.Name, Sources = sources.Count, ProcessId = Environment.ProcessId, Fingerprint = configuration.Fingerprint,
            }, stop.Abort);
            logger.LogInformation("shard {Shard}: {Sources} sources, config {Fingerprint}, output {Output}", shard, sources.Count, configuration.ShortFingerprint, layout.Root);

            var run = new RunContext(configuration, layout, shard, prior, store);
            var progress = new RunProgress(sources.Count, 0);
            var outcome = await RunStagesAsync(run, sources, tokenizer.Tokenizer, device, ledger, progress, stop);
            if (outcome.ExitCode == PrecomputeExitCodes.Completed)
            {
                StagingFolder.Remove(layout.StagingDirectory(shard));
            }

            return outcome;
        }
        catch (SystemicFaultException ex)
        {
            logger.LogError("shard {Shard} stopped: {Reason}", shard, ex.Message);
            return new PrecomputeOutcome(PrecomputeExitCodes.SystemicFault, ex.Message, configuration.Fingerprint);
        }
    }

    private async Task<PrecomputeOutcome> RunStagesAsync(RunContext run, IReadOnlyList<SourceVideo> sources, ITokenizer tokenizer, IDeviceContext device, ShardLedger ledger, RunProgress progress, StopSignals stop)
    {
        var options = run.Options;
        using var fault = new CancellationTokenSource();
        using var intake = CancellationTokenSource.CreateLinkedTokenSource(stop.StopIntake, fault.Token);
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(stop.Abort, fault.Token);
        var decoded = Channel.CreateBounded<ChannelReader<SourceMessage>>(new BoundedChannelOptions(Math.Max(1, options.DecodeWorkers)) { SingleReader = true, SingleWriter = true });
        var encoded = Channel.CreateBounded<SourceMessage>(new BoundedChannelOptions(Math.Max(1, options.EncodedClipCapacity)) { SingleReader = true, SingleWriter = true });
        using var launcher = new LowPriorityLauncher(options.DecodeNice);
        var decoder = new SourceDecoder(run, new VideoProber(), new VideoReader(), launcher, loggers.CreateLogger<SourceDecoder>());
        var encodeStage = new EncodeStage(run, tokenizer, device, loggers.CreateLogger<EncodeStage>());
        var storeStage = new StoreStage(run, ledger, progress, loggers.CreateLogger<StoreStage>());

        var decoding = Watch(DecodeAllAsync(decoder, sources, decoded.Writer, options, intake.Token), fault);
        var encoding = Watch(CompleteWhenDone(encodeStage.RunAsync(decoded.Reader, encoded.Writer, abort.Token), encoded.Writer), fault);
        var storing = Watch(storeStage.RunAsync(encoded.Reader, abort.Token), fault);
        using var reporting = new CancellationTokenSource();
        var reporter = ReportAsync(run.Shard, progress, reporting.Token);
        Exception? failure = null;
        try
        {
            await Task.WhenAll(decoding, encoding, storing);
        }
        catch (Exception ex)
        {
            failure = new[] { decoding, encoding, storing }.Select(t => t.Exception?.InnerException).FirstOrDefault(e => e is SystemicFaultException) ?? ex;
        }
        finally
        {
            await reporting.CancelAsync();
            await reporter;
        }

        var summary = $"{progress.SourcesFinished}/{progress.Sources} sources, {progress.Encoded} clips encoded, {progress.Recovered} recovered, {progress.Quarantined} quarantined, {progress.FailedAttempts} failed attempts in {progress.Elapsed:hh\\:mm\\:ss} ({progress.ClipsPerSecond:0.00} clips/s)";
        var stopped = stop.StopIntake.IsCancellationRequested;
        if (failure is null && !stopped)
        {
            await ledger.AppendAsync(new LedgerRecord
            {
                Event = LedgerEvent.Completed, Shard = run.Shard.Name, Sources = progress.Sources, Done = progress.Encoded + progress.Recovered,
                Quarantined = progress.Quarantined, Seconds = Math.Round(progress.Elapsed.TotalSeconds, 3),
            }, CancellationToken.None);
            logger.LogInformation("shard {Shard} complete: {Summary}", run.Shard, summary);
            return new PrecomputeOutcome(PrecomputeExitCodes.Completed, summary, run.Configuration.Fingerprint);
        }

        var systemic = failure is not null && failure is not OperationCanceledException;
        var reason = systemic ? failure!.Message : stop.Abort.IsCancellationRequested ? "stopped by signal; in-flight clips abandoned after the grace period" : "stopped by signal after draining in-flight clips";
        await ledger.AppendAsync(new LedgerRecord
        {
            Event = LedgerEvent.Stopped, Shard = run.Shard.Name, Reason = reason, Seconds = Math.Round(progress.Elapsed.TotalSeconds, 3),
        }, CancellationToken.None);
        if (systemic)
        {
            logger.LogError(failure, "shard {Shard} stopped by a systemic fault: {Summary}", run.Shard, summary);
            return new PrecomputeOutcome(PrecomputeExitCodes.SystemicFault, $"{reason} ({summary})", run.Configuration.Fingerprint);
        }

        logger.LogWarning("shard {Shard} {Reason}: {Summary}; rerun to resume", run.Shard, reason, summary);
        return new PrecomputeOutcome(PrecomputeExitCodes.Interrupted, $"{reason} ({summary})", run.Configuration.Fingerprint);
    }

    private static async Task DecodeAllAsync(SourceDecoder decoder, IReadOnlyList<SourceVideo> sources, ChannelWriter<ChannelReader<SourceMessage>> output, PrecomputeOptions options, CancellationToken intake)
    {
        using var slots = new SemaphoreSlim(Math.Max(1, options.DecodeWorkers));
        var running = new List<Task>();
        try
        {
            foreach (var source in sources)
            {
                await slots.WaitAsync(intake);
                var clips = Channel.CreateBounded<SourceMessage>(new BoundedChannelOptions(Math.Max(1, options.DecodedClipCapacity)) { SingleReader = true, SingleWriter = true });
                try
                {
                    await output.WriteAsync(clips.Reader, intake);
                }
                catch
                {
                    slots.Release();
                    throw;
                }

                running.Add(Task.Run(() => DecodeOneAsync(decoder, source, clips.Writer, slots, intake), CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (intake.IsCancellationRequested)
        {
            // Intake stopped: sources not started stay for the next run.
        }
        finally
        {
            await Task.WhenAll(running);
            output.TryComplete();
        }
    }

    private static async Task DecodeOneAsync(SourceDecoder decoder, SourceVideo source, ChannelWriter<SourceMessage> clips, SemaphoreSlim slots, CancellationToken intake)
    {
        try
        {
            await decoder.DecodeAsync(source, clips, intake);
            clips.TryComplete();
        }
        catch (OperationCanceledException) when (intake.IsCancellationRequested)
        {
            // A source cut short by a stop has no source_done; the next run picks it up again.
            clips.TryComplete();
        }
        catch (Exception ex)
        {
            clips.TryComplete(ex);
        }
        finally
        {
            slots.Release();
        }
    }

    private static async Task CompleteWhenDone(Task stage, ChannelWriter<SourceMessage> output)
    {
        try
        {
            await stage;
            output.TryComplete();
        }
        catch (Exception ex)
        {
            output.TryComplete(ex);
            throw;
        }
    }

    private static async Task Watch(Task stage, CancellationTokenSource fault)
    {
        try
        {
            await stage;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await fault.CancelAsync();
            throw;
        }
    }

    private async Task ReportAsync(ShardSpec shard, RunProgress progress, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ProgressInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                logger.LogInformation(
                    "shard {Shard}: {Finished}/{Sources} sources, {Encoded} clips encoded, {Recovered} recovered, {Quarantined} quarantined, {Rate:0.00} clips/s, ETA {Eta}",
                    shard, progress.SourcesFinished, progress.Sources, progress.Encoded, progress.Recovered, progress.Quarantined, progress.ClipsPerSecond,
                    progress.EstimatedRemaining is { } eta ? eta.ToString(@"d\.hh\:mm\:ss") : "?");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static void Validate(RunConfiguration configuration)
    {
        configuration.Windowing.Validate();
        var options = configuration.Options;
        var alignment = configuration.Card.SpatialAlignment;
        if (options.Size is { } size && (size.Width % alignment != 0 || size.Height % alignment != 0))
        {
            throw new ArgumentException($"--size {size} must be a multiple of the tokenizer's spatial alignment {alignment}");
        }

        if (options.Fps is { } fps && (!double.IsFinite(fps) || fps <= 0))
        {
            throw new ArgumentException($"--fps {fps} must be positive");
        }

        if (options.MaxAttempts < 1)
        {
            throw new ArgumentException("--max-attempts must be at least 1");
        }
    }

    private static ILatentStore CreateStore(PrecomputeOptions options, DatasetLayout layout, ShardSpec shard, string fingerprint, LedgerState prior) =>
        options.Format == OutputFormat.WebDataset
            ? new WebDatasetLatentStore(layout, shard, prior, options.ArchiveTargetBytes)
            : new SafetensorsLatentStore(layout, shard, fingerprint);

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
}
