using VideoPipe.Abstractions;

namespace VideoPipe.Engine;

/// <summary>
/// Picks the stage whose emitted frames count as done: one that emits frames with no frame-emitting stage after it
/// (stitch in a reconstruction, decode in a precompute); the first such stage in pipeline order when branches
/// have several.
/// </summary>
internal static class FramesDoneStage
{
    public static bool Claims(StageNode node, PipelineMonitor monitor) =>
        EmitsFrames(node) && !Downstream(node).Any(EmitsFrames) && monitor.ClaimFramesDoneStage(node.Name);

    private static bool EmitsFrames(StageNode node) => node.Type.Output == PortKind.Frames;

    private static IEnumerable<StageNode> Downstream(StageNode node) =>
        node.Consumers.SelectMany(consumer => Downstream(consumer).Prepend(consumer));
}
