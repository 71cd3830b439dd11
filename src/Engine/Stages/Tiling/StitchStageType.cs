using VideoPipe.Abstractions;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// Puts decoded tiles back in order and into frames: overlaps are dropped (the later tile's shared frames go) or
/// blended (linear cross-fade), padded tail frames are cropped. Emits uint8 frame blocks in clip order.
/// </summary>
public sealed class StitchStageType : IStageType
{
    public string Name => "stitch";

    public string Description => "Decoded tiles back to ordered frames (overlap drop or blend).";

    public PortKind Input => PortKind.Tiles;

    public PortKind Output => PortKind.Frames;

    public bool OrderedInput => true;

    public IReadOnlyList<StageOption> Options { get; } =
    [
        new("overlap", OptionKind.String, "what to do with frames neighbouring tiles share (default drop)") { AllowedValues = ["drop", "blend"] },
    ];

    public IStage Create(StageContext context) =>
        new StitchStage(new OptionReader(context.Options).String("overlap", "drop") == "blend");
}
