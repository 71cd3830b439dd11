using System.Runtime.InteropServices;
using VideoPipe.Torch.Native;

namespace VideoPipe.Torch;

/// <summary>Process-wide libtorch settings: intra-op threads, version, CUDA availability.</summary>
public static class TorchRuntime
{
    private static int initialized;

    /// <summary>libtorch picks 1 thread on some machines; VideoPipe defaults to every core unless told otherwise.</summary>
    public static void EnsureInitialized()
    {
        if (Interlocked.Exchange(ref initialized, 1) == 0)
        {
            var fromEnv = Environment.GetEnvironmentVariable("VIDEOPIPE_THREADS");
            var threads = int.TryParse(fromEnv, out var n) && n > 0 ? n : Environment.ProcessorCount;
            SetThreads(threads);
        }
    }

    public static void SetThreads(int threads)
    {
        if (threads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "thread count must be at least 1");
        }

        Interlocked.Exchange(ref initialized, 1);
        NativeMethods.Check(NativeMethods.vp_set_num_threads(threads));
    }

    public static int Threads => NativeMethods.vp_get_num_threads();

    public static string LibTorchVersion => Marshal.PtrToStringUTF8(NativeMethods.vp_torch_version()) ?? "?";

    public static bool HasOneDnn => NativeMethods.vp_has_mkldnn() != 0;

    /// <summary>
    /// The native allocator's counts (glibc malloc, which libtorch's CPU tensors come from; all 0 elsewhere). Loading
    /// the shim fixes glibc's mmap threshold (VIDEOPIPE_MMAP_THRESHOLD bytes, default 128 KiB, 0 keeps glibc's dynamic
    /// one) so larger tensors are mmaps of their own and long runs do not fragment the arenas. The number of arenas is
    /// glibc's: MALLOC_ARENA_MAX, read when the process starts (the ./videopipe launcher sets 2), else 8 per core.
    /// </summary>
    public static NativeHeapStats NativeHeap
    {
        get
        {
            NativeMethods.Check(NativeMethods.vp_heap_stats(out var arenaInUse, out var arenaFree, out var mmapped, out var arenas));
            return new NativeHeapStats(arenaInUse, arenaFree, mmapped, arenas);
        }
    }

    /// <summary>
    /// The caching allocator behind CPU tensors of 128 KiB and more (native/src/vp_block_cache.cpp): freed blocks are
    /// reused for later tensors of about the same size instead of being faulted in afresh; it never keeps more mapped
    /// than the peak of live bytes. VIDEOPIPE_CPU_BLOCK_CACHE_MB caps it (default 4096, 0 = off: all counts 0).
    /// </summary>
    public static BlockCacheStats BlockCache
    {
        get
        {
            NativeMethods.Check(NativeMethods.vp_block_cache_stats(out var live, out var cached, out var peak, out var hits, out var misses));
            return new BlockCacheStats(live, cached, peak, hits, misses);
        }
    }

    /// <summary>Returns every cached (free) block to the system, e.g. after a run with unusually large frames.</summary>
    public static void ReleaseCachedMemory() => NativeMethods.Check(NativeMethods.vp_block_cache_release());

    public static bool CudaAvailable => NativeMethods.vp_cuda_available() != 0;

    public static int CudaDeviceCount => NativeMethods.vp_cuda_device_count();

    public static void CudaSynchronize(int device = 0) => NativeMethods.Check(NativeMethods.vp_cuda_synchronize(device));
}
