using VideoPipe.Plugins.OdVae.Model;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae.Tests;

public class CausalConvTests
{
    [Fact]
    public void TemporalPaddingReplicatesFrameZeroInFrontOnly()
    {
        // Kernel (3, 1, 1) that reads only its first temporal tap: output t = input max(t - 2, 0).
        using var conv = new CausalConv3d(1, 1, [3, 1, 1], [1, 1, 1], padding: 0);
        conv.Conv.Weight.Value.CopyFrom(Tensor.FromArray(new float[] { 1, 0, 0 }, 1, 1, 3, 1, 1));
        conv.Conv.Bias!.Value.Fill(0);
        using var x = TensorAssert.ConstantFrames(1, 2, 2, 5, 6, 7, 8);
        using var y = conv.Forward(x);

        Assert.Equal(new long[] { 1, 1, 4, 2, 2 }, y.Shape);
        using var frames = y.Amax([0, 1, 3, 4]);
        Assert.Equal(new float[] { 5, 5, 5, 6 }, frames.ToArray<float>());
    }

    [Fact]
    public void LastTapSeesTheCurrentFrameAndNoFutureFrames()
    {
        using var conv = new CausalConv3d(1, 1, [3, 1, 1], [1, 1, 1], padding: 0);
        conv.Conv.Weight.Value.CopyFrom(Tensor.FromArray(new float[] { 0, 0, 1 }, 1, 1, 3, 1, 1));
        conv.Conv.Bias!.Value.Fill(0);
        using var x = TensorAssert.ConstantFrames(1, 1, 1, 5, 6, 7, 8);
        using var y = conv.Forward(x);
        Assert.Equal(new float[] { 5, 6, 7, 8 }, y.ToArray<float>());
    }

    [Fact]
    public void SpatialPaddingIsZeros()
    {
        using var conv = new CausalConv3d(1, 1, [1, 3, 3], [1, 1, 1], padding: 1);
        conv.Conv.Weight.Value.Fill(1);
        conv.Conv.Bias!.Value.Fill(0);
        using var x = TensorAssert.ConstantFrames(1, 3, 3, 1);
        using var y = conv.Forward(x);
        Assert.Equal(new float[] { 4, 6, 4, 6, 9, 6, 4, 6, 4 }, y.ToArray<float>());
    }

    [Fact]
    public void SpaceTimeDownsamplePadsRightAndBottomBeforeCausalReplication()
    {
        using var down = VideoDownsampler.Create(OdVaeBlockNames.Spatial2xTime2x3DDownsample, 32);
        Assert.IsType<CausalDownsample>(down);
        using var x = TensorAssert.Random(1, 1, 32, 9, 8, 10);
        using var y = down.Forward(x);
        Assert.Equal(new long[] { 1, 32, 5, 4, 5 }, y.Shape);
    }
}
