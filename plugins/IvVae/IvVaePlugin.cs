using VideoPipe.Abstractions;

namespace VideoPipe.Plugins.IvVae;

/// <summary>Plugin entry point (named in plugin.json).</summary>
public sealed class IvVaePlugin : IVideoPipePlugin
{
    public IReadOnlyList<ITokenizerFamily> Families { get; } = [new IvVaeFamily()];
}
