using VideoPipe.Abstractions;

namespace VideoPipe.Plugins.Template;

/// <summary>Plugin entry point (plugin.json entryType). Rename with the family; one plugin may offer several families.</summary>
public sealed class TemplatePlugin : IVideoPipePlugin
{
    public IReadOnlyList<ITokenizerFamily> Families { get; } = [new TemplateFamily()];
}
