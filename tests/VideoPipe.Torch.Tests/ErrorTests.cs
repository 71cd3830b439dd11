namespace VideoPipe.Torch.Tests;

/// <summary>libtorch errors surface as TorchException with libtorch's own text, and the process carries on.</summary>
public class ErrorTests
{
    [Fact]
    public void ConvShapeMismatchCarriesTheShapes()
    {
        using var scope = DisposeScope.Enter();
        var x = Tensor.Zeros([1, 3, 8, 8]);
        var w = Tensor.Zeros([4, 5, 3, 3]);
        foreach (var kernel in new[] { ConvKernel.Auto, ConvKernel.Torch })
        {
            var ex = Assert.Throws<TorchException>(() => Functional.Conv(x, w, null, [1, 1], [0, 0], [1, 1], 1, kernel));
            Assert.Contains("channels", ex.Message);
            Assert.Contains("3", ex.Message);
        }
    }

    [Fact]
    public void Conv3dKernelLargerThanInputIsReportedByLibtorch()
    {
        using var scope = DisposeScope.Enter();
        var x = Tensor.Zeros([1, 2, 2, 2, 2]);
        var w = Tensor.Zeros([2, 2, 3, 3, 3]);
        var ex = Assert.Throws<TorchException>(() => Functional.Conv3d(x, w));
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Fact]
    public void WrongDTypeIsReportedWithLibtorchsText()
    {
        using var scope = DisposeScope.Enter();
        var a = Tensor.Zeros([2, 3]);
        var b = Tensor.Zeros([3, 2], DType.Float64);
        var ex = Assert.Throws<TorchException>(() => a.MatMul(b));
        Assert.Contains("Double", ex.Message); // "expected scalar type Float but found Double" (or m1/m2 dtype text)
        var index = Tensor.Zeros([2]); // float index
        var ex2 = Assert.Throws<TorchException>(() => a.IndexSelect(0, index));
        Assert.Contains("index", ex2.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void BroadcastMismatchAndBadDims()
    {
        using var scope = DisposeScope.Enter();
        var a = Tensor.Zeros([2, 3]);
        var ex = Assert.Throws<TorchException>(() => a + Tensor.Zeros([4]));
        Assert.Contains("size of tensor a (3) must match the size of tensor b (4)", ex.Message);
        Assert.Throws<TorchException>(() => a.Select(5, 0));
        Assert.Throws<TorchException>(() => a.Reshape(7));
        Assert.Throws<TorchException>(() => Tensor.Cat([a, Tensor.Zeros([2, 3, 1])], 0));
    }

    [Fact]
    public void ManyErrorsInARowLeaveTheLibraryWorking()
    {
        using var scope = DisposeScope.Enter();
        var a = Tensor.Zeros([2, 3]);
        for (var i = 0; i < 200; i++)
        {
            Assert.Throws<TorchException>(() => a.View(5));
        }

        Assert.Equal(new float[] { 1, 1, 1, 1, 1, 1 }, (a + 1).ToArray<float>());
    }

    [Fact]
    public void ErrorsAreThreadLocal()
    {
        using var scope = DisposeScope.Enter();
        var messages = new string[4];
        Parallel.For(0, 4, i =>
        {
            using var t = Tensor.Zeros([i + 1]);
            var ex = Assert.Throws<TorchException>(() => t.Reshape(i + 10).Dispose());
            messages[i] = ex.Message;
        });
        for (var i = 0; i < 4; i++)
        {
            Assert.Contains($"[{i + 10}]", messages[i]);
        }
    }
}
