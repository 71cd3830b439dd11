using VideoPipe.Plugins.OdVae.Model;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae.Tests;

/// <summary>
/// Finite-difference gradient checks (float64) of every OD-VAE layer we wrote: the input's and a sample of every
/// parameter's gradient against central differences.
/// </summary>
public sealed class LayerGradientTests
{
    private static Tensor Video(long channels, long frames, long size)
    {
        using var generator = new Generator(7);
        return Tensor.Randn(generator, [1, channels, frames, size, size], DType.Float64);
    }

    private static void AssertLayerGradients(Module layer, Func<Tensor, Tensor> forward, Tensor input)
    {
        using (layer)
        using (input)
        {
            Assert.InRange(GradCheck.ModuleWorstRatio(layer, forward, input), 0, 1);
        }
    }

    [Fact]
    public void CausalConv3dWithStride()
    {
        var conv = new CausalConv3d(3, 4, [3, 3, 3], [2, 2, 2], padding: 1);
        AssertLayerGradients(conv, conv.Forward, Video(3, 5, 4));
    }

    [Fact]
    public void FrameConv2d()
    {
        var conv = new FrameConv2d(3, 4, 3, stride: 1, padding: 1);
        AssertLayerGradients(conv, conv.Forward, Video(3, 2, 4));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void VideoGroupNorm(bool perFrame)
    {
        var norm = new VideoGroupNorm(32, perFrame, OdVaeBlockNames.NormGroups);
        AssertLayerGradients(norm, norm.Forward, Video(32, 2, 2));
    }

    [Theory]
    [InlineData(OdVaeBlockNames.ResnetBlock2D, 32)]
    [InlineData(OdVaeBlockNames.ResnetBlock3D, 64)]
    public void ResnetBlock(string kind, long outChannels)
    {
        var block = new ResnetBlock(kind, 32, outChannels, OdVaeBlockNames.NormGroups);
        AssertLayerGradients(block, block.Forward, Video(32, 3, 2));
    }

    [Fact]
    public void AttnBlock3DFix()
    {
        var attention = new AttnBlock3DFix(32, OdVaeBlockNames.NormGroups);
        AssertLayerGradients(attention, attention.Forward, Video(32, 2, 2));
    }

    [Theory]
    [InlineData(OdVaeBlockNames.Downsample)]
    [InlineData(OdVaeBlockNames.Spatial2xTime2x3DDownsample)]
    public void Downsamplers(string kind)
    {
        var down = VideoDownsampler.Create(kind, 3);
        AssertLayerGradients(down, down.Forward, Video(3, 5, 4));
    }

    [Theory]
    [InlineData(OdVaeBlockNames.SpatialUpsample2x)]
    [InlineData(OdVaeBlockNames.Spatial2xTime2x3DUpsample)]
    public void Upsamplers(string kind)
    {
        var up = VideoUpsampler.Create(kind, 3);
        AssertLayerGradients(up, up.Forward, Video(3, 3, 2));
    }
}
