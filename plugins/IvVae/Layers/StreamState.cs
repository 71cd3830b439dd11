using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Layers;

/// <summary>
/// Cross-call state of one encode or decode stream: the one-frame cache of every group-causal conv (the last
/// input frame of its previous call) and whether the current call is the stream's first (frame 0 / latent 0).
/// Everything else in the model is stateless across calls.
/// </summary>
public sealed class StreamState : IDisposable
{
    private readonly Dictionary<GroupCausalConv, Tensor> caches = new(ReferenceEqualityComparer.Instance);

    public bool IsFirstCall { get; private set; } = true;

    public int CachedLayers => caches.Count;

    /// <summary>Bytes held by the caches (for memory diagnostics).</summary>
    public long CacheBytes => caches.Values.Sum(t => t.ByteCount);

    internal Tensor? CacheOf(GroupCausalConv layer) => caches.GetValueOrDefault(layer);

    /// <summary>Stores a copy of <paramref name="lastFrame"/> outside any dispose scope, freeing the previous one.</summary>
    internal void SetCache(GroupCausalConv layer, Tensor lastFrame)
    {
        var copy = DisposeScope.Detach(lastFrame.Clone());
        if (caches.Remove(layer, out var old))
        {
            old.Dispose();
        }

        caches[layer] = copy;
    }

    /// <summary>Marks the end of a call: every later call continues the stream.</summary>
    internal void EndCall() => IsFirstCall = false;

    public void Dispose()
    {
        foreach (var t in caches.Values)
        {
            t.Dispose();
        }

        caches.Clear();
    }
}
