using System.Collections.Concurrent;

namespace VideoPipe.Jobs.Training;

/// <summary>
/// Decoded videos kept in memory up to a byte budget (data.cache_mb), so each training video is decoded by ffmpeg
/// once instead of once per clip drawn from it. Once the budget is full, videos not in the cache are read clip by
/// clip as without a cache; the frames are the same either way.
/// </summary>
public sealed class DecodedClipCache(long budgetBytes)
{
    private readonly ConcurrentDictionary<string, Task<DecodedClip?>> clips = new(StringComparer.Ordinal);
    private long bytes;
    private volatile bool full;

    public long Bytes => Interlocked.Read(ref bytes);

    public int Count => clips.Values.Count(t => t.IsCompletedSuccessfully && t.Result is not null);

    /// <summary>The cached video, decoding it now when the budget still has room; null once the budget is spent.</summary>
    public async Task<DecodedClip?> GetAsync(string file, Func<Task<DecodedClip>> decode)
    {
        if (clips.TryGetValue(file, out var cached))
        {
            return await cached;
        }

        if (full)
        {
            return null;
        }

        var task = clips.GetOrAdd(file, _ => Admit(decode));
        var clip = await task;
        if (clip is null)
        {
            clips.TryRemove(new KeyValuePair<string, Task<DecodedClip?>>(file, task));
        }

        return clip;
    }

    private async Task<DecodedClip?> Admit(Func<Task<DecodedClip>> decode)
    {
        var clip = await decode();
        if (Interlocked.Add(ref bytes, clip.Bytes) <= budgetBytes)
        {
            return clip;
        }

        Interlocked.Add(ref bytes, -clip.Bytes);
        full = true;
        return null;
    }
}
