namespace VideoPipe.Torch.Tests;

/// <summary>
/// Large tensors never move into (and fragment) the malloc arenas: the block cache serves them, reuses freed blocks
/// of about the same size, and never keeps more mapped than the peak of live bytes.
/// </summary>
[Collection(nameof(MemoryStabilityCollection))]
public class NativeHeapTests
{
    private const long MiB = 1 << 20;

    [Fact]
    public void LargeTensorsComeFromTheBlockCacheNotTheArenas()
    {
        // with glibc's dynamic threshold, freeing the 8 MiB block would raise the threshold to 8 MiB and the 4 MiB
        // tensor would then come from an arena
        Tensor.Empty([2 * MiB], DType.Float32).Dispose();
        var heapBefore = TorchRuntime.NativeHeap;
        var cacheBefore = TorchRuntime.BlockCache;
        using var tensor = Tensor.Empty([MiB], DType.Float32);
        var heapDuring = TorchRuntime.NativeHeap;
        var cacheDuring = TorchRuntime.BlockCache;

        Assert.True(cacheDuring.LiveBytes - cacheBefore.LiveBytes >= 4 * MiB,
            $"block cache live bytes grew by {cacheDuring.LiveBytes - cacheBefore.LiveBytes} for a 4 MiB tensor");
        Assert.True(heapDuring.ArenaInUseBytes - heapBefore.ArenaInUseBytes < MiB,
            $"arena bytes in use grew by {heapDuring.ArenaInUseBytes - heapBefore.ArenaInUseBytes} for a 4 MiB tensor");
    }

    [Fact]
    public void AFreedBlockIsReusedForATensorOfTheSameSize()
    {
        Tensor.Empty([3 * MiB], DType.Float32).Dispose();
        var before = TorchRuntime.BlockCache;
        for (var i = 0; i < 5; i++)
        {
            Tensor.Empty([3 * MiB], DType.Float32).Dispose();
        }

        var after = TorchRuntime.BlockCache;
        Assert.Equal(before.Hits + 5, after.Hits);
        Assert.Equal(before.Misses, after.Misses);
        Assert.Equal(before.LiveBytes, after.LiveBytes);
    }

    [Fact]
    public void NeverMapsMoreThanThePeakOfLiveBytes()
    {
        for (var size = 1; size <= 8; size++)
        {
            // sizes too far apart to reuse each other's blocks
            Tensor.Empty([size * size * MiB / 4], DType.Float32).Dispose();
        }

        var stats = TorchRuntime.BlockCache;
        Assert.True(stats.LiveBytes + stats.CachedBytes <= stats.PeakLiveBytes,
            $"live {stats.LiveBytes} + cached {stats.CachedBytes} > peak {stats.PeakLiveBytes}");
        TorchRuntime.ReleaseCachedMemory();
        Assert.Equal(0, TorchRuntime.BlockCache.CachedBytes);
    }

    [Fact]
    public void CountsTheMallocArenas()
    {
        // at least the main arena; glibc's own ceiling is 8 per core
        Assert.InRange(TorchRuntime.NativeHeap.Arenas, 1, 8 * Math.Max(Environment.ProcessorCount, 64));
    }
}
