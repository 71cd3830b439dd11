using Microsoft.Extensions.Logging;
using VideoPipe.Engine;

namespace VideoPipe.Precompute;

/// <summary>
/// Runs one precompute shard: the graph of <see cref="PrecomputeGraph"/> on the Engine's runner, then the exit code
/// of the one table (README): completed (quarantines included), invalid settings, a systemic fault, or interrupted.
/// </summary>
public sealed class PrecomputeJob(DeviceManager devices, ILoggerFactory loggers)
{
    public async Task<PrecomputeOutcome> RunAsync(PrecomputeOptions options, ComponentSet components, StopSignals stop)
    {
        PipelineDefinition pipeline;
        try
        {
            pipeline = PrecomputeGraph.Build(options, components);
        }
        catch (ArgumentException e)
        {
            return new PrecomputeOutcome(PrecomputeExitCodes.InvalidSettings, e.Message, "");
        }

        var result = await new PipelineRunner(devices, loggers).RunAsync(pipeline, components, new PipelineMonitor(), stop.StopIntake, stop.Abort);
        var dataset = result.Datasets.FirstOrDefault();
        var summary = dataset?.Summary ?? result.Failure ?? string.Join("; ", result.ValidationErrors);
        var code = result.Outcome switch
        {
            PipelineOutcome.Invalid => PrecomputeExitCodes.InvalidSettings,
            PipelineOutcome.Failed => PrecomputeExitCodes.SystemicFault,
            _ when stop.StopIntake.IsCancellationRequested || stop.Abort.IsCancellationRequested => PrecomputeExitCodes.Interrupted,
            _ => PrecomputeExitCodes.Completed,
        };
        if (result.Outcome == PipelineOutcome.Invalid)
        {
            loggers.CreateLogger<PrecomputeJob>().LogError("invalid precompute settings: {Errors}", string.Join("; ", result.ValidationErrors));
        }

        return new PrecomputeOutcome(code, code == PrecomputeExitCodes.SystemicFault && dataset is not null ? $"{result.Failure} ({dataset.Summary})" : summary, dataset?.Fingerprint ?? "");
    }
}
