using VideoPipe.Abstractions;

namespace VideoPipe.Plugins.Regen;

/// <summary>Plugin entry point (plugin.json entryType).</summary>
public sealed class RegenPlugin : IVideoPipePlugin
{
    public IReadOnlyList<ITokenizerFamily> Families { get; } = [new RegenFamily()];
}
