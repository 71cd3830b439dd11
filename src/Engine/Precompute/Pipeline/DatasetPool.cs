using Microsoft.Extensions.Logging;
using VideoPipe.Abstractions;
using VideoPipe.Engine;

namespace VideoPipe.Precompute;

/// <summary>
/// The datasets one pipeline run writes, each opened once (by the first stage that names it, with that stage's
/// tokenizer) and finished after the stages end. Disposed with the run.
/// </summary>
internal sealed class DatasetPool(PipelineDefinition pipeline, TokenizerPool tokenizers, CancellationToken stopIntake, ILoggerFactory loggers) : IAsyncDisposable
{
    private readonly Dictionary<string, DatasetRun> opened = new(StringComparer.Ordinal);

    public async Task<DatasetRun> GetAsync(string name, IDeviceContext deviceContext, Torch.DType dtype, CancellationToken cancellationToken)
    {
        if (opened.TryGetValue(name, out var existing))
        {
            return existing;
        }

        var definition = pipeline.Datasets[name];
        var errors = new List<ValidationError>();
        var read = DatasetOptionsJson.Read(definition.Options, definition.JsonPath, pipeline.BaseDirectory, errors)
            ?? throw new ArgumentException(string.Join("; ", errors.Select(e => e.ToString())));
        // One attempt policy for every stage: the dataset's decode and encode retries follow the pipeline's.
        var options = read with { MaxAttempts = pipeline.Attempts };
        var tokenizer = tokenizers.Get(options.Tokenizer, deviceContext, dtype);
        var (configJson, weightsIdentity) = await tokenizers.IdentifyAsync(options.Tokenizer, cancellationToken);
        var run = await DatasetRun.OpenAsync(options, tokenizer, configJson, weightsIdentity, stopIntake, loggers.CreateLogger($"VideoPipe.Dataset.{name}"), cancellationToken);
        opened[name] = run;
        return run;
    }

    public async Task StartAsync(int? sources, CancellationToken cancellationToken)
    {
        foreach (var run in opened.Values)
        {
            await run.StartAsync(sources ?? 0, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<DatasetOutcome>> FinishAsync(bool completed, string? failure, bool aborted)
    {
        var outcomes = new List<DatasetOutcome>();
        foreach (var (name, run) in opened)
        {
            var summary = await run.FinishAsync(completed, failure, aborted);
            outcomes.Add(new DatasetOutcome(name, run.Configuration.Fingerprint, completed, summary));
        }

        return outcomes;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var run in opened.Values)
        {
            await run.DisposeAsync();
        }

        opened.Clear();
    }
}
