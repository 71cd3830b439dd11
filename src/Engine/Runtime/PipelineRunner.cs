using System.Text.Json;
using Microsoft.Extensions.Logging;
using VideoPipe.Abstractions;
using VideoPipe.Precompute;
using VideoPipe.Torch;

namespace VideoPipe.Engine;

/// <summary>Validates a pipeline, creates its stages and tokenizers, runs it and reports how it ended.</summary>
public sealed class PipelineRunner(DeviceManager devices, ILoggerFactory loggerFactory)
{
    private readonly ILogger logger = loggerFactory.CreateLogger<PipelineRunner>();

    /// <param name="stopIntake">Stop taking new items; items in flight finish (graceful shutdown).</param>
    /// <param name="abort">Abort in-flight work; stages discard partial outputs.</param>
    public async Task<PipelineResult> RunAsync(PipelineDefinition pipeline, ComponentSet components, PipelineMonitor monitor,
        CancellationToken stopIntake, CancellationToken abort)
    {
        var errors = PipelineValidator.Validate(pipeline, components);
        if (errors.Count > 0)
        {
            return new PipelineResult { Pipeline = pipeline.Name, Outcome = PipelineOutcome.Invalid, ValidationErrors = errors.Select(e => e.ToString()).ToList() };
        }

        using var tokenizers = new TokenizerPool(pipeline, components);
        await using var datasets = new DatasetPool(pipeline, tokenizers, stopIntake, loggerFactory);
        var nodes = new List<StageNode>();
        try
        {
            try
            {
                await CreateNodesAsync(pipeline, components, tokenizers, datasets, monitor, nodes, abort);
                monitor.ItemsTotal = nodes.Where(n => n.IsSource).Select(n => (n.Stage as ICountedSource)?.TotalItems).Sum();
                await datasets.StartAsync(monitor.ItemsTotal, abort);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A setting the stages or datasets refuse (frame rule, size, missing file) is invalid configuration; anything else a failure.
                var invalid = e is ArgumentException or FormatException or FileNotFoundException or DirectoryNotFoundException or JsonException;
                logger.LogError(invalid ? null : e, "Could not create the stages of {Pipeline}: {Reason}", pipeline.Name, e.Message);
                return new PipelineResult
                {
                    Pipeline = pipeline.Name, Outcome = invalid ? PipelineOutcome.Invalid : PipelineOutcome.Failed, Failure = $"could not create stages: {e.Message}",
                    ValidationErrors = invalid ? [e.Message] : [],
                };
            }

            var execution = new PipelineExecution(nodes, pipeline.ErrorPolicy, pipeline.ItemTimeout, pipeline.Attempts, monitor, logger);
            monitor.Start();
            logger.LogInformation("Running pipeline {Pipeline}: {Stages}", pipeline.Name, string.Join(" -> ", nodes.Select(n => n.Name)));
            await execution.RunAsync(stopIntake, abort);
            monitor.Stop();
            var datasetOutcomes = await datasets.FinishAsync(
                completed: execution.Failure is null && !stopIntake.IsCancellationRequested && !abort.IsCancellationRequested, execution.Failure, abort.IsCancellationRequested);
            var outcome = execution.Failure is not null ? PipelineOutcome.Failed
                : abort.IsCancellationRequested ? PipelineOutcome.Aborted
                : execution.IntakeStopped ? PipelineOutcome.Drained
                : execution.Quarantined.Count > 0 ? PipelineOutcome.CompletedWithQuarantine
                : PipelineOutcome.Completed;
            return new PipelineResult
            {
                Pipeline = pipeline.Name,
                Outcome = outcome,
                ItemsStarted = monitor.ItemsStarted,
                ItemsCompleted = execution.Completed,
                Frames = monitor.Frames,
                Quarantined = execution.Quarantined,
                Failure = execution.Failure,
                Elapsed = monitor.Elapsed,
                Stages = nodes.Select(n => new StageStatistics(n.Name, n.Type.Name, n.Gauge.Processed, n.Gauge.Emitted, n.Definition.Capacity, n.Definition.Parallelism)).ToList(),
                Datasets = datasetOutcomes,
            };
        }
        finally
        {
            await DisposeStagesAsync(nodes);
        }
    }

    private async Task CreateNodesAsync(PipelineDefinition pipeline, ComponentSet components, TokenizerPool tokenizers, DatasetPool datasets, PipelineMonitor monitor,
        List<StageNode> nodes, CancellationToken cancellationToken)
    {
        var byName = new Dictionary<string, StageNode>(StringComparer.Ordinal);
        foreach (var definition in pipeline.Stages)
        {
            var type = components.StageTypes[definition.Type];
            var device = Device.Parse(definition.Device ?? pipeline.Defaults.Device);
            var dtype = DTypeExtensions.ParseDType(definition.DType ?? pipeline.Defaults.DType);
            var deviceContext = devices.Create(device);
            ITokenizer? tokenizer = null;
            if (definition.Options.TryGetProperty("tokenizer", out var reference) && reference.GetString() is { } tokenizerName)
            {
                tokenizer = tokenizers.Get(tokenizerName, deviceContext, dtype);
            }

            var context = new StageContext
            {
                StageName = definition.Name,
                Options = definition.Options,
                BaseDirectory = pipeline.BaseDirectory,
                DeviceContext = deviceContext,
                DType = dtype,
                Tokenizer = tokenizer,
                Logger = loggerFactory.CreateLogger($"VideoPipe.Stage.{definition.Name}"),
            };
            var stage = type is IDatasetStageType datasetType && DatasetOptionsJson.Reference(definition.Options) is { } datasetName
                ? datasetType.Create(context, await datasets.GetAsync(datasetName, deviceContext, dtype, cancellationToken))
                : type.Create(context);
            var node = new StageNode(definition, type, stage);
            node.Gauge = monitor.Register(definition.Name, type.Name, nodes.Count, node.Input is null ? 0 : definition.Capacity, definition.Parallelism,
                () => node.Input?.Reader.Count ?? 0);
            nodes.Add(node);
            byName[definition.Name] = node;
            if (definition.From is not null)
            {
                byName[definition.From].Consumers.Add(node);
            }
        }
    }

    private static async Task DisposeStagesAsync(IEnumerable<StageNode> nodes)
    {
        foreach (var node in nodes)
        {
            switch (node.Stage)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }
}
