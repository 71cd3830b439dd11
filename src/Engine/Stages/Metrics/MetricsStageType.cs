using VideoPipe.Abstractions;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// PSNR and SSIM of reconstructed frames against the source, read again the way the decode stage read it;
/// per frame and per clip in <c>directory/&lt;item id&gt;.metrics.json</c>, plus <c>summary.json</c> at the end.
/// </summary>
public sealed class MetricsStageType : IStageType
{
    public string Name => "metrics";

    public string Description => "PSNR/SSIM per frame and per clip against the source, as JSON.";

    public PortKind Input => PortKind.Frames;

    public PortKind Output => PortKind.None;

    public bool OrderedInput => true;

    public IReadOnlyList<StageOption> Options { get; } =
    [
        new("directory", OptionKind.String, "output folder (relative to the pipeline file)") { Required = true },
    ];

    public IStage Create(StageContext context)
    {
        var directory = context.ResolvePath(new OptionReader(context.Options).String("directory")!);
        Directory.CreateDirectory(directory);
        return new MetricsStage(directory);
    }
}
