using VideoPipe.Abstractions;

namespace VideoPipe.Plugins.OdVae;

/// <summary>Plugin entry type (plugin.json entryType).</summary>
public sealed class OdVaePlugin : IVideoPipePlugin
{
    public IReadOnlyList<ITokenizerFamily> Families { get; } = [new OdVaeFamily()];
}
