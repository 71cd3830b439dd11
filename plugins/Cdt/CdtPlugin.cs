using VideoPipe.Abstractions;

namespace VideoPipe.Plugins.Cdt;

/// <summary>Plugin entry point (plugin.json entryType).</summary>
public sealed class CdtPlugin : IVideoPipePlugin
{
    public IReadOnlyList<ITokenizerFamily> Families { get; } = [new CdtFamily()];
}
