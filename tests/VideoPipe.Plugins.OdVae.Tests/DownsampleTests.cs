using VideoPipe.Plugins.OdVae.Model;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae.Tests;

public class DownsampleTests
{
    private static Tensor Ramp(long h, long w)
    {
        var data = Enumerable.Range(1, (int)(h * w)).Select(v => (float)v).ToArray();
        return Tensor.FromArray(data, 1, 1, 1, h, w);
    }

    private static FrameDownsample OneTap(int row, int col)
    {
        var down = new FrameDownsample(1);
        var kernel = new float[9];
        kernel[row * 3 + col] = 1;
        down.Conv.Weight.Value.CopyFrom(Tensor.FromArray(kernel, 1, 1, 3, 3));
        down.Conv.Bias.Value.Fill(0);
        return down;
    }

    [Fact]
    public void TopLeftTapReadsEvenPixelsSoThereIsNoLeadingPadding()
    {
        using var down = OneTap(0, 0);
        using var x = Ramp(4, 4);
        using var y = down.Forward(x);
        Assert.Equal(new long[] { 1, 1, 1, 2, 2 }, y.Shape);
        Assert.Equal(new float[] { 1, 3, 9, 11 }, y.ToArray<float>());
    }

    [Fact]
    public void BottomRightTapReadsTheZeroPaddingAtTheEnd()
    {
        using var down = OneTap(2, 2);
        using var x = Ramp(4, 4);
        using var y = down.Forward(x);
        // Output (i, j) reads pixel (2i + 2, 2j + 2): row/column 4 is the one zero pad.
        Assert.Equal(new float[] { 11, 0, 0, 0 }, y.ToArray<float>());
    }

    [Fact]
    public void OddSizesFloorToHalf()
    {
        using var down = new FrameDownsample(32);
        using var x = TensorAssert.Random(3, 1, 32, 2, 7, 9);
        using var y = down.Forward(x);
        Assert.Equal(new long[] { 1, 32, 2, 3, 4 }, y.Shape);
    }
}
