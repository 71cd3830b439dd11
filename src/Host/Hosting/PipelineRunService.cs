using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoPipe.Engine;

namespace VideoPipe.Host;

/// <summary>
/// What a pipeline-running command executes: a pipeline file with overrides, or a graph a job builds in code
/// (<see cref="Build"/>, given the loaded components; then <see cref="PipelinePath"/> only names the run).
/// <paramref name="LeftOutStages"/> names stages (sinks) dropped from the file before validation.
/// </summary>
public sealed record RunRequest(string PipelinePath, IReadOnlyList<string> Overrides, string? ReportPath, IReadOnlyList<string>? LeftOutStages = null)
{
    /// <summary>Builds the graph in code; an <see cref="InvalidDataException"/> or <see cref="ArgumentException"/> is refused input (exit 2).</summary>
    public Func<ComponentSet, ILoggerFactory, CancellationToken, Task<PipelineDefinition>>? Build { get; init; }

    /// <summary>Runs after a graph that completed, with the same loaded components (a report's second graph); returns the exit code.</summary>
    public Func<RunFollowUp, Task<int>>? Then { get; init; }
}

/// <summary>Runs one pipeline file in the host, shows progress, reports the result and stops the host.</summary>
internal sealed class PipelineRunService(RunRequest request, PluginCatalog catalog, PipelineRunner runner, ExitCodeHolder exitCode,
    IOptions<ShutdownOptions> shutdown, IHostApplicationLifetime lifetime, ILoggerFactory loggers, ILogger<PipelineRunService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Yield();
            var (result, followUpCode) = await RunAsync(stoppingToken);
            exitCode.Code = followUpCode ?? result.ExitCode;
            ResultPrinter.Print(result);
            if (request.ReportPath is { } report)
            {
                ResultFile.Write(report, result);
            }
        }
        catch (Exception e) when (e is PipelineFormatException or IOException or InvalidDataException or ArgumentException)
        {
            logger.LogError("{Message}", e.Message);
            Console.Error.WriteLine(e.Message);
            exitCode.Code = (int)PipelineOutcome.Invalid;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Run failed");
            exitCode.Code = (int)PipelineOutcome.Failed;
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    private async Task<(PipelineResult Result, int? FollowUpCode)> RunAsync(CancellationToken stoppingToken)
    {
        using var components = catalog.Acquire();
        PipelineDefinition definition;
        if (request.Build is { } build)
        {
            definition = await build(components, loggers, stoppingToken);
        }
        else
        {
            var (parsed, errors) = PipelineParser.LoadFile(request.PipelinePath, request.Overrides);
            if (parsed is null)
            {
                return (new PipelineResult { Pipeline = request.PipelinePath, Outcome = PipelineOutcome.Invalid, ValidationErrors = errors.Select(e => e.ToString()).ToList() }, null);
            }

            definition = parsed;
        }

        if (request.LeftOutStages is { Count: > 0 } leftOut)
        {
            definition = definition with { Stages = definition.Stages.Where(s => !leftOut.Contains(s.Name)).ToList() };
        }

        if (StandardStreamChecks.StdoutWriters(definition, components).Count > 0)
        {
            // The video goes to stdout: the result line and every other text line go to stderr.
            StdoutForData.Reserve();
        }

        using var stop = new GracefulStop(stoppingToken, shutdown.Value.Grace);
        var monitor = new PipelineMonitor();
        var progress = ProgressReporter.Start(definition.Name, monitor, loggers.CreateLogger("VideoPipe.Progress"));
        PipelineResult result;
        try
        {
            result = await runner.RunAsync(definition, components, monitor, stop.StopIntake, stop.Abort);
        }
        finally
        {
            await progress.DisposeAsync();
        }

        if (request.Then is not { } then || result.Outcome != PipelineOutcome.Completed)
        {
            return (result, null);
        }

        var code = await then(new RunFollowUp(result, next => runner.RunAsync(next, components, new PipelineMonitor(), stop.Abort, stop.Abort), stop.Abort));
        return (result, code);
    }
}
