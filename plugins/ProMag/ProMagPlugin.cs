using VideoPipe.Abstractions;

namespace VideoPipe.Plugins.ProMag;

/// <summary>Plugin entry point (plugin.json entryType).</summary>
public sealed class ProMagPlugin : IVideoPipePlugin
{
    public IReadOnlyList<ITokenizerFamily> Families { get; } = [new ProMagFamily()];
}
