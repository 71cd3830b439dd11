using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using VideoPipe.Abstractions;

namespace VideoPipe.Engine;

/// <summary>
/// One run of created stages: worker tasks per stage reading bounded channels, per-item error handling
/// (fail fast or quarantine), end-of-input flushing, completion tracking and draining on cancellation.
/// </summary>
internal sealed class PipelineExecution
{
    private readonly IReadOnlyList<StageNode> nodes;
    private readonly ErrorPolicy policy;
    private readonly PipelineMonitor monitor;
    private readonly ILogger logger;
    private readonly ConcurrentDictionary<string, QuarantinedItem> quarantined = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> terminalHits = new(StringComparer.Ordinal);
    private readonly ItemDeadlines deadlines;
    private readonly int terminalCount;
    private readonly CancellationTokenSource failFast = new();
    private int completed;
    private string? failure;
    private volatile bool intakeStopped;

    private readonly int attempts;

    public PipelineExecution(IReadOnlyList<StageNode> nodes, ErrorPolicy policy, TimeSpan? itemTimeout, int attempts, PipelineMonitor monitor, ILogger logger)
    {
        this.nodes = nodes;
        this.attempts = attempts;
        this.policy = policy;
        deadlines = new ItemDeadlines(itemTimeout);
        this.monitor = monitor;
        this.logger = logger;
        terminalCount = nodes.Count(n => n.IsTerminal);
    }

    public int Completed => Volatile.Read(ref completed);

    public string? Failure => failure;

    public bool IntakeStopped => intakeStopped;

    public IReadOnlyList<QuarantinedItem> Quarantined => quarantined.Values.OrderBy(q => q.ItemId, StringComparer.Ordinal).ToList();

    public bool IsQuarantined(string itemId) => quarantined.ContainsKey(itemId);

    public async Task RunAsync(CancellationToken stopIntake, CancellationToken abort)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(abort, failFast.Token);
        var emitters = nodes.ToDictionary(n => n, n => new NodeEmitter(n, this, monitor));
        var running = nodes.Select(n => RunNodeAsync(n, emitters[n], stopIntake, linked.Token)).ToList();
        await Task.WhenAll(running);
        DrainChannels();
    }

    private async Task RunNodeAsync(StageNode node, NodeEmitter emitter, CancellationToken stopIntake, CancellationToken token)
    {
        await Task.Yield();
        try
        {
            if (node.IsSource)
            {
                await RunSourceAsync(node, emitter, stopIntake, token);
            }
            else
            {
                var workers = Enumerable.Range(0, node.Definition.Parallelism).Select(_ => RunWorkerAsync(node, emitter, token));
                await Task.WhenAll(workers);
            }

            if (node.Stage is IFlushingStage flushing && !token.IsCancellationRequested)
            {
                await flushing.FlushAsync(emitter, token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (ItemFailedException e)
        {
            OnItemFailed(node, e.ItemId, null, e);
        }
        catch (Exception e)
        {
            Fail(node, null, e);
        }
        finally
        {
            foreach (var consumer in node.Consumers)
            {
                consumer.Input!.Writer.TryComplete();
            }
        }
    }

    private async Task RunSourceAsync(StageNode node, NodeEmitter emitter, CancellationToken stopIntake, CancellationToken token)
    {
        using var intake = CancellationTokenSource.CreateLinkedTokenSource(stopIntake, token);
        var start = new StageMessage(PipelineStart.Item, PipelineStart.Instance, EndOfItem: true);
        node.Gauge.Began();
        try
        {
            await node.Stage.ProcessAsync(start, emitter, intake.Token);
        }
        catch (OperationCanceledException) when (stopIntake.IsCancellationRequested && !token.IsCancellationRequested)
        {
            intakeStopped = true;
            logger.LogInformation("Intake stopped at source {Stage}; finishing items in flight", node.Name);
        }
        finally
        {
            node.Gauge.Ended();
        }

        if (stopIntake.IsCancellationRequested)
        {
            intakeStopped = true;
        }
    }

    private async Task RunWorkerAsync(StageNode node, NodeEmitter emitter, CancellationToken token)
    {
        var reader = node.Input!.Reader;
        while (await reader.WaitToReadAsync(token))
        {
            while (reader.TryRead(out var envelope))
            {
                try
                {
                    await ProcessAsync(node, envelope.Message, emitter, token);
                }
                finally
                {
                    envelope.Release();
                }
            }
        }
    }

    private async Task ProcessAsync(StageNode node, StageMessage message, NodeEmitter emitter, CancellationToken token)
    {
        if (IsQuarantined(message.Item.Id))
        {
            return;
        }

        node.Gauge.Began();
        var deadline = deadlines.Of(message.Item.Id);
        using var itemToken = deadline is null ? null : CancellationTokenSource.CreateLinkedTokenSource(token, deadline.Value);
        try
        {
            await ProcessWithAttemptsAsync(node, message, emitter, itemToken?.Token ?? token);
            if (node.IsTerminal && message.EndOfItem)
            {
                OnTerminalReached(message.Item.Id);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            OnItemFailed(node, message.Item.Id, message.Item.SourcePath, deadline is { IsCancellationRequested: true } ? deadlines.Expired(e) : e);
        }
        finally
        {
            node.Gauge.Ended();
        }
    }

    /// <summary>Calls the stage; a retryable stage that failed before emitting anything is called again, up to the pipeline's attempts.</summary>
    private async Task ProcessWithAttemptsAsync(StageNode node, StageMessage message, NodeEmitter emitter, CancellationToken token)
    {
        if (attempts <= 1 || node.Stage is not IRetryableStage)
        {
            await node.Stage.ProcessAsync(message, emitter, token);
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            var counting = new CountingEmitter(emitter);
            try
            {
                await node.Stage.ProcessAsync(message, counting, token);
                return;
            }
            catch (Exception e) when (attempt < attempts && counting.Emitted == 0 && e is not (OperationCanceledException or SystemicFaultException))
            {
                logger.LogWarning("Item {Item} at stage {Stage}: attempt {Attempt} of {Attempts} failed: {Reason}", message.Item.Id, node.Name, attempt, attempts, e.Message);
            }
        }
    }

    private void OnTerminalReached(string itemId)
    {
        var hits = terminalHits.AddOrUpdate(itemId, 1, (_, h) => h + 1);
        if (hits < terminalCount)
        {
            return;
        }

        terminalHits.TryRemove(itemId, out _);
        deadlines.End(itemId);
        if (!IsQuarantined(itemId))
        {
            Interlocked.Increment(ref completed);
            monitor.ItemFinished();
        }
    }

    private void OnItemFailed(StageNode node, string itemId, string? sourcePath, Exception error)
    {
        if (policy == ErrorPolicy.FailFast || error is SystemicFaultException)
        {
            Fail(node, itemId, error);
            return;
        }

        var reason = error is ItemFailedException { InnerException: { } inner } ? inner.Message : error.Message;
        var record = new QuarantinedItem(itemId, sourcePath ?? "", node.Name, reason);
        if (!quarantined.TryAdd(itemId, record))
        {
            return;
        }

        logger.LogWarning("Quarantined item {Item} at stage {Stage}: {Reason}", itemId, node.Name, reason);
        terminalHits.TryRemove(itemId, out _);
        deadlines.End(itemId);
        foreach (var other in nodes)
        {
            if (other.Stage is IItemStateStage stateful)
            {
                stateful.Discard(itemId);
            }
        }

        monitor.ItemFinished();
    }

    private void Fail(StageNode node, string? itemId, Exception error)
    {
        var text = itemId is null ? $"stage '{node.Name}' failed: {error.Message}" : $"stage '{node.Name}' failed on item '{itemId}': {error.Message}";
        if (Interlocked.CompareExchange(ref failure, text, null) is null)
        {
            logger.LogError(error, "{Failure}", text);
        }

        failFast.Cancel();
    }

    private void DrainChannels()
    {
        foreach (var node in nodes)
        {
            if (node.Input is { } channel)
            {
                while (channel.Reader.TryRead(out var envelope))
                {
                    envelope.Release();
                }
            }
        }
    }
}
