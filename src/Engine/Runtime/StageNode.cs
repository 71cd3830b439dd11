using System.Threading.Channels;
using VideoPipe.Abstractions;

namespace VideoPipe.Engine;

/// <summary>A created stage in a running pipeline: its bounded input channel and the stages it feeds.</summary>
internal sealed class StageNode(StageDefinition definition, IStageType type, IStage stage)
{
    public StageDefinition Definition { get; } = definition;

    public IStageType Type { get; } = type;

    public IStage Stage { get; } = stage;

    /// <summary>Bounded, waits when full; null for sources.</summary>
    public Channel<Envelope>? Input { get; } = type.Input == PortKind.None
        ? null
        : Channel.CreateBounded<Envelope>(new BoundedChannelOptions(definition.Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = definition.Parallelism == 1,
            SingleWriter = false,
        });

    public List<StageNode> Consumers { get; } = [];

    public StageGauge Gauge { get; set; } = null!;

    public bool IsSource => Type.Input == PortKind.None;

    public bool IsTerminal => Consumers.Count == 0;

    public string Name => Definition.Name;
}
