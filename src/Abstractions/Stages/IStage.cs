namespace VideoPipe.Abstractions;

/// <summary>
/// A running stage. The host calls <see cref="ProcessAsync"/> from up to <c>parallelism</c> workers at once and
/// disposes each input message's payload after every consumer has processed it, so a stage that keeps data
/// past the call keeps views (tensor views share storage) or copies. Emitted payloads belong to the host.
/// A source stage (input kind none) receives one <see cref="PipelineStart"/> message.
/// </summary>
public interface IStage
{
    ValueTask ProcessAsync(StageMessage message, IStageEmitter output, CancellationToken cancellationToken);
}

/// <summary>A stage that holds data across messages and emits the rest when its input ends.</summary>
public interface IFlushingStage : IStage
{
    ValueTask FlushAsync(IStageEmitter output, CancellationToken cancellationToken);
}

/// <summary>
/// A stage whose work on a message depends on that message alone and emits only once it succeeded (e.g. a whole-tile
/// encode): the runtime may call it again with the same message when it throws, up to the pipeline's attempts.
/// </summary>
public interface IRetryableStage : IStage
{
}

/// <summary>A stage that keeps per-item state; told to drop it when the item is quarantined elsewhere.</summary>
public interface IItemStateStage : IStage
{
    void Discard(string itemId);
}

/// <summary>Where a stage sends its results (waits while the downstream channel is full).</summary>
public interface IStageEmitter
{
    ValueTask EmitAsync(StageMessage message, CancellationToken cancellationToken);
}

/// <summary>A source that knows how many items it will emit (for progress and ETA).</summary>
public interface ICountedSource : IStage
{
    int? TotalItems { get; }
}
