using VideoPipe.Abstractions;

namespace VideoPipe.Engine;

/// <summary>Sends a stage's output into each consumer's bounded channel, waiting while any is full.</summary>
internal sealed class NodeEmitter(StageNode node, PipelineExecution execution, PipelineMonitor monitor) : IStageEmitter, IItemLengthSink
{
    private readonly bool countsFramesDone = FramesDoneStage.Claims(node, monitor);

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

        // Read before the hand-off: consumers may dispose the payload as soon as it is written.
        var framesDone = countsFramesDone && message.Payload is FrameBlock done ? done.Count : 0;
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

        if (framesDone > 0)
        {
            monitor.AddFramesDone(framesDone);
        }

        if (node.IsSource && message.Sequence == 0)
        {
            monitor.ItemStarted();
        }
    }

    public void AddItemLength(long frames, bool estimated) => monitor.AddItemLength(frames, estimated);
}
