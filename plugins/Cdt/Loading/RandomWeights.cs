using VideoPipe.Plugins.Cdt.Layers;
using VideoPipe.Plugins.Cdt.Model;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Loading;

/// <summary>Seeded random weights for benchmarks: N(0, 0.02²) everywhere, LayerNorm gains 1 and shifts 0.</summary>
public static class RandomWeights
{
    public static void Fill(CdtModel model, Generator generator)
    {
        model.InitializeRandom(generator);
        foreach (var norm in Descendants(model).OfType<ChannelLayerNorm>())
        {
            norm.Gain.Value.Fill(1);
            norm.Shift.Value.Fill(0);
        }
    }

    private static IEnumerable<Module> Descendants(Module root)
    {
        yield return root;
        foreach (var (_, child) in root.NamedChildren())
        {
            foreach (var m in Descendants(child))
            {
                yield return m;
            }
        }
    }
}
