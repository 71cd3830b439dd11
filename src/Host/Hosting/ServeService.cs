using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoPipe.Engine;

namespace VideoPipe.Host;

/// <summary>What `videopipe serve` watches.</summary>
public sealed record ServeRequest(string Inbox, int Concurrency, TimeSpan PollInterval);

/// <summary>
/// Long-running host: hot-reloads plugins and runs every pipeline file dropped into the inbox (once it stops
/// changing), writing <c>&lt;name&gt;.result.json</c> next to it. Each run takes the plugin versions current when it
/// starts. On stop: no new files are taken, running pipelines stop intake and get the grace period, then abort.
/// </summary>
internal sealed class ServeService(ServeRequest request, PluginCatalog catalog, PipelineRunner runner, ExitCodeHolder exitCode,
    IOptions<ShutdownOptions> shutdown, ILogger<ServeService> logger) : BackgroundService
{
    public const string ResultSuffix = ".result.json";

    private readonly ConcurrentDictionary<string, Task> running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Length, DateTime Written)> lastSeen = new(StringComparer.Ordinal);
    private int aborted;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        Directory.CreateDirectory(request.Inbox);
        logger.LogInformation("Serving inbox {Inbox} with plugins from {Plugins}", request.Inbox, string.Join(", ", catalog.Plugins.Select(p => $"{p.Manifest.Id} {p.Manifest.Version}")));
        var watch = catalog.WatchAsync(stoppingToken);
        using var stop = new GracefulStop(stoppingToken, shutdown.Value.Grace);
        using var slots = new SemaphoreSlim(request.Concurrency);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                foreach (var file in ReadyFiles())
                {
                    await slots.WaitAsync(stoppingToken);
                    running[file] = ProcessAsync(file, stop, slots);
                }

                await Task.Delay(request.PollInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        logger.LogInformation("Stopping: {Count} pipeline(s) still running get {Grace} to drain", running.Count, shutdown.Value.Grace);
        await Task.WhenAll(running.Values);
        await watch;
        exitCode.Code = aborted > 0 ? (int)PipelineOutcome.Aborted : 0;
    }

    /// <summary>Pipeline files without a result that have not changed since the previous look.</summary>
    private List<string> ReadyFiles()
    {
        var ready = new List<string>();
        foreach (var file in Directory.GetFiles(request.Inbox, "*.json").Order(StringComparer.Ordinal))
        {
            if (file.EndsWith(ResultSuffix, StringComparison.Ordinal) || running.ContainsKey(file) || File.Exists(ResultPath(file)))
            {
                continue;
            }

            var info = new FileInfo(file);
            var now = (info.Length, info.LastWriteTimeUtc);
            if (lastSeen.TryGetValue(file, out var before) && before == now)
            {
                ready.Add(file);
                lastSeen.Remove(file);
            }
            else
            {
                lastSeen[file] = now;
            }
        }

        return ready;
    }

    private async Task ProcessAsync(string file, GracefulStop stop, SemaphoreSlim slots)
    {
        await Task.Yield();
        try
        {
            var result = await RunAsync(file, stop);
            ResultFile.Write(ResultPath(file), result);
            if (result.Outcome == PipelineOutcome.Aborted)
            {
                Interlocked.Increment(ref aborted);
            }

            logger.LogInformation("{File}: {Outcome}, {Completed}/{Started} items", Path.GetFileName(file), result.Outcome, result.ItemsCompleted, result.ItemsStarted);
        }
        catch (Exception e)
        {
            logger.LogError(e, "{File} could not be run", file);
            ResultFile.Write(ResultPath(file), new PipelineResult { Pipeline = file, Outcome = PipelineOutcome.Failed, Failure = e.Message });
        }
        finally
        {
            running.TryRemove(file, out _);
            slots.Release();
        }
    }

    private async Task<PipelineResult> RunAsync(string file, GracefulStop stop)
    {
        (PipelineDefinition? definition, List<Abstractions.ValidationError> errors) parsed;
        try
        {
            parsed = PipelineParser.LoadFile(file);
        }
        catch (PipelineFormatException e)
        {
            return new PipelineResult { Pipeline = file, Outcome = PipelineOutcome.Invalid, ValidationErrors = [e.Message] };
        }

        if (parsed.definition is null)
        {
            return new PipelineResult { Pipeline = file, Outcome = PipelineOutcome.Invalid, ValidationErrors = parsed.errors.Select(e => e.ToString()).ToList() };
        }

        using var components = catalog.Acquire();
        return await runner.RunAsync(parsed.definition, components, new PipelineMonitor(), stop.StopIntake, stop.Abort);
    }

    public static string ResultPath(string pipelineFile) => Path.ChangeExtension(pipelineFile, null) + ResultSuffix;
}
