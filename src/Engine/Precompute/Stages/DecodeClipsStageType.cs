using VideoPipe.Engine.Stages;
using VideoPipe.Abstractions;
using VideoPipe.Media;
using VideoPipe.Media.Reading;

namespace VideoPipe.Precompute;

/// <summary>
/// Decodes each source into the dataset's clip windows (framing, fps, frame rule, whole-video cap), with bounded
/// attempts, a per-clip time limit and low-priority ffmpeg; sources and clips the dataset already holds are passed on
/// as settled without decoding or encoding them again. Emits the source's messages in order, ending with how it ended.
/// </summary>
public sealed class DecodeClipsStageType : IDatasetStageType
{
    public string Name => "decode-clips";

    public string Description => "Sources to the dataset's clips (windows, framing, attempts, quarantine), skipping what the dataset holds.";

    public PortKind Input => PortKind.Items;

    public PortKind Output => DatasetPorts.Clips;

    public IReadOnlyList<StageOption> Options { get; } = [DatasetPorts.DatasetOption];

    public IStage Create(StageContext context) => throw new InvalidOperationException($"'{Name}' is created with its dataset by the pipeline runner");

    public IStage Create(StageContext context, DatasetRun dataset) => new DecodeClipsStage(dataset, context);
}

internal sealed class DecodeClipsStage : IStage, IDisposable
{
    private readonly DatasetRun dataset;
    private readonly LowPriorityLauncher launcher;
    private readonly SourceDecoder decoder;

    public DecodeClipsStage(DatasetRun dataset, StageContext context)
    {
        this.dataset = dataset;
        launcher = new LowPriorityLauncher(dataset.Context.Options.DecodeNice);
        decoder = new SourceDecoder(dataset.Context, new VideoProber(), new VideoReader(), launcher, context.Logger);
    }

    public async ValueTask ProcessAsync(StageMessage message, IStageEmitter output, CancellationToken cancellationToken)
    {
        var item = message.Item;
        var source = new SourceVideo(item.Index, item.SourceKey ?? item.SourcePath, item.SourcePath);
        using var intake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, dataset.StopIntake);
        var sequence = 0;
        try
        {
            await decoder.DecodeAsync(
                source,
                (payload, token) => output.EmitAsync(new StageMessage(item, payload, payload is SourceCompleted or SourceQuarantined) { Sequence = sequence++ }, token),
                intake.Token);
        }
        catch (OperationCanceledException) when (dataset.StopIntake.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // A source cut short by a stop has no source_done; the next run picks it up again.
        }
    }

    public void Dispose() => launcher.Dispose();
}
