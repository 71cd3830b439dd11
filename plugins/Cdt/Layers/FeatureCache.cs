using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Layers;

/// <summary>
/// The per-layer temporal state of one causal pass (upstream's feat_cache): each cached layer keeps the last
/// input frames it saw, so the next chunk continues exactly where the previous one stopped. Keyed by layer
/// instance, so several passes (one per diffusion step, one per session) can share one model.
/// </summary>
public sealed class FeatureCache : IDisposable
{
    private readonly Dictionary<object, Tensor> states = new(ReferenceEqualityComparer.Instance);

    public Tensor? Get(object layer) => states.TryGetValue(layer, out var t) ? t : null;

    /// <summary>Stores <paramref name="state"/> for <paramref name="layer"/>; the cache owns it from now on.</summary>
    public void Set(object layer, Tensor state)
    {
        DisposeScope.Detach(state);
        if (states.TryGetValue(layer, out var old))
        {
            old.Dispose();
        }

        states[layer] = state;
    }

    public int Count => states.Count;

    public long ByteCount => states.Values.Sum(t => t.ByteCount);

    public void Clear()
    {
        foreach (var t in states.Values)
        {
            t.Dispose();
        }

        states.Clear();
    }

    public void Dispose() => Clear();
}
