using VideoPipe.Torch;

namespace VideoPipe.Torch.Tests;

public class TensorSmokeTests
{
    [Fact]
    public void AddsAndReadsBack()
    {
        using var a = Tensor.FromArray(new float[] { 1, 2, 3, 4 }, 2, 2);
        using var b = a + 1.5;
        Assert.Equal(new float[] { 2.5f, 3.5f, 4.5f, 5.5f }, b.ToArray<float>());
        Assert.Equal(new long[] { 2, 2 }, b.Shape);
    }

    [Fact]
    public void LibtorchErrorBecomesTorchException()
    {
        using var x = Tensor.Zeros([1, 3, 8, 8]);
        using var w = Tensor.Zeros([4, 5, 3, 3]);
        var ex = Assert.Throws<TorchException>(() => Functional.Conv2d(x, w));
        Assert.Contains("channels", ex.Message);
    }
}
