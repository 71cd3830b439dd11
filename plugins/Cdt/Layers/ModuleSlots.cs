using System.Globalization;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Layers;

/// <summary>
/// An nn.ModuleList / nn.Sequential whose parameter-free entries (Identity, ReLU, GELU) take an index but hold
/// no keys: children are registered under explicit indices so state-dict names keep upstream's numbering.
/// </summary>
public sealed class ModuleSlots : Module
{
    public T Set<T>(int index, T module) where T : Module => Child(index.ToString(CultureInfo.InvariantCulture), module);
}
