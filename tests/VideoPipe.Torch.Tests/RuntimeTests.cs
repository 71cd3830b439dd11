namespace VideoPipe.Torch.Tests;

/// <summary>Runtime defaults: inference mode for every op, intra-op threads configurable.</summary>
public class RuntimeTests
{
    [Fact]
    public void EveryTensorIsAnInferenceTensor()
    {
        using var scope = DisposeScope.Enter();
        var x = Tensor.Ones([2, 2]);
        Assert.True(x.IsInference);
        Assert.True((x * 2).IsInference);
        Assert.True(Tensor.FromArray(new float[] { 1 }, 1).IsInference);
        Assert.True(Functional.Softmax(x, -1).IsInference);
    }

    [Fact]
    public void ThreadsDefaultToEnvironmentOrCoreCountAndAreConfigurable()
    {
        TorchRuntime.EnsureInitialized();
        var fromEnv = Environment.GetEnvironmentVariable("VIDEOPIPE_THREADS");
        var expected = int.TryParse(fromEnv, out var n) && n > 0 ? n : Environment.ProcessorCount;
        var initial = TorchRuntime.Threads;
        Assert.True(initial >= 1);
        try
        {
            TorchRuntime.SetThreads(1);
            Assert.Equal(1, TorchRuntime.Threads);
        }
        finally
        {
            TorchRuntime.SetThreads(expected);
        }

        Assert.Equal(expected, TorchRuntime.Threads);
        Assert.Throws<ArgumentOutOfRangeException>(() => TorchRuntime.SetThreads(0));
    }

    [Fact]
    public void ReportsLibtorchVersionAndOneDnn()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+$", TorchRuntime.LibTorchVersion);
        Assert.True(TorchRuntime.HasOneDnn);
        Assert.False(TorchRuntime.CudaAvailable && TorchRuntime.CudaDeviceCount == 0);
    }
}
