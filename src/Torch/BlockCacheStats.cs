namespace VideoPipe.Torch;

/// <summary>
/// The CPU block cache's bytes held by live tensors, bytes cached (free, kept for reuse), the peak of live bytes, and
/// how many large allocations were served from the cache (hits) or mapped afresh (misses).
/// </summary>
public readonly record struct BlockCacheStats(long LiveBytes, long CachedBytes, long PeakLiveBytes, long Hits, long Misses);
