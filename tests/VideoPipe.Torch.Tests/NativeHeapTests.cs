namespace VideoPipe.Torch.Tests;

/// <summary>The shim fixes glibc's mmap threshold, so large tensors never move into (and fragment) the malloc arenas.</summary>
[Collection(nameof(MemoryStabilityCollection))]
public class NativeHeapTests
{
    private const long MiB = 1 << 20;

    [Fact]
    public void LargeTensorsStayMmappedAfterALargerOneWasFreed()
    {
        // with glibc's dynamic threshold, freeing the 8 MiB block raises the threshold to 8 MiB and the 4 MiB
        // tensor then comes from an arena
        Tensor.Empty([2 * MiB], DType.Float32).Dispose();
        var before = TorchRuntime.NativeHeap;
        using var tensor = Tensor.Empty([MiB], DType.Float32);
        var during = TorchRuntime.NativeHeap;

        Assert.True(during.MmappedBytes - before.MmappedBytes >= 4 * MiB,
            $"mmapped bytes grew by {during.MmappedBytes - before.MmappedBytes} for a 4 MiB tensor");
        Assert.True(during.ArenaInUseBytes > 0);
    }
}
