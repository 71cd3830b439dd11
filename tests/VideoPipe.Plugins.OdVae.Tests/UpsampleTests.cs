using VideoPipe.Plugins.OdVae.Model;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae.Tests;

public class UpsampleTests
{
    private static float[] FrameValues(Tensor video)
    {
        using var perFrame = video.Mean(0, 1, 3, 4);
        return perFrame.ToArray<float>();
    }

    [Fact]
    public void FirstFrameIsUpsampledOnlyInSpaceAndNeverBlendsIntoTheRest()
    {
        using var x = TensorAssert.ConstantFrames(2, 2, 2, 100, 4, 8);
        using var y = LinearSpaceTimeUpsample.Interpolate(x);
        Assert.Equal(new long[] { 1, 2, 5, 4, 4 }, y.Shape);
        // Frames 1.. come from frames [4, 8] alone, linear with align_corners = False: 4, 0.75*4+0.25*8, 0.25*4+0.75*8, 8.
        var values = FrameValues(y);
        Assert.Equal(new[] { 100f, 4f, 5f, 7f, 8f }, values);
    }

    [Fact]
    public void SingleFrameIsOnlyUpsampledInSpace()
    {
        using var x = TensorAssert.Random(21, 1, 1, 1, 3, 3);
        using var y = LinearSpaceTimeUpsample.Interpolate(x);
        Assert.Equal(new long[] { 1, 1, 1, 6, 6 }, y.Shape);
    }

    [Fact]
    public void SpatialAxesUseTheLinearRuleWithEdgeClamping()
    {
        using var x = Tensor.FromArray(new float[] { 0, 4 }, 1, 1, 1, 1, 2);
        using var y = LinearSpaceTimeUpsample.Interpolate(x);
        using var row = y.Select(3, 0);
        Assert.Equal(new float[] { 0, 1, 3, 4 }, row.ToArray<float>());
    }

    [Fact]
    public void SpaceTimeUpsamplerMapsTToTwoTMinusOne()
    {
        using var up = VideoUpsampler.Create(OdVaeBlockNames.Spatial2xTime2x3DUpsample, 32);
        using var x = TensorAssert.Random(22, 1, 32, 3, 2, 3);
        using var y = up.Forward(x);
        Assert.Equal(new long[] { 1, 32, 5, 4, 6 }, y.Shape);
    }

    [Fact]
    public void SpatialUpsampleIsNearest()
    {
        using var up = new NearestSpatialUpsample(1);
        var kernel = new float[9];
        kernel[4] = 1;
        up.Conv.Conv.Weight.Value.CopyFrom(Tensor.FromArray(kernel, 1, 1, 1, 3, 3));
        up.Conv.Conv.Bias!.Value.Fill(0);
        using var x = Tensor.FromArray(new float[] { 1, 2 }, 1, 1, 1, 1, 2);
        using var y = up.Forward(x);
        Assert.Equal(new float[] { 1, 1, 2, 2, 1, 1, 2, 2 }, y.ToArray<float>());
    }
}
