using VideoPipe.Abstractions;

namespace VideoPipe.Engine;

/// <summary>Sends a stage's output into each consumer's bounded channel, waiting while any is full.</summary>
internal sealed class NodeEmitter(StageNode node, PipelineExecution execution, PipelineMonitor monitor) : IStageEmitter
{
    public async ValueTask EmitAsync(StageMessage message, CancellationToken cancellationToken)
    {
        if (node.Consumers.Count == 0 || execution.IsQuarantined(message.Item.Id))
        {
            (message.Payload as IDisposable)?.Dispose();
            return;
        }

        monitor.MessageCreated();
        node.Gauge.Emit();
        if (node.Type.Input == PortKind.Items && message.Payload is FrameBlock block)
        {
            monitor.AddFrames(block.Count);
        }

        var envelope = new Envelope(message, node.Consumers.Count, monitor.MessageReleased);
        var written = 0;
        try
        {
            foreach (var consumer in node.Consumers)
            {
                await consumer.Input!.Writer.WriteAsync(envelope, cancellationToken);
                written++;
            }
        }
        catch
        {
            for (var i = written; i < node.Consumers.Count; i++)
            {
                envelope.Release();
            }

            throw;
        }

        if (node.IsSource && message.Sequence == 0)
        {
            monitor.ItemStarted();
        }
    }
}
