using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae.Tests;

/// <summary>
/// Tail (and average) initialization of odvae-tiny from the image VAE of its layout (paper section 3.3): before any
/// training the OD-VAE's encoder output for a single image equals the image VAE's, and so does every latent frame
/// of a static clip (no motion, so temporal resampling changes nothing).
/// </summary>
public sealed class InflationTests : IDisposable
{
    private readonly OdVaeTokenizer image = Create(OdVaePresets.TinyImage, seed: 1);
    private readonly OdVaeTokenizer video = Create(OdVaePresets.Tiny, seed: 2);

    public InflationTests()
    {
        // Weights at the scale training starts from (the families' N(0, 0.02²) makes every layer nearly its bias).
        image.SetTraining(true);
        using var generator = new Generator(6);
        DefaultInitialization.Apply(image.Parameters().Select(p => (p.Name, p.Value)).ToList(), generator);
    }

    public void Dispose()
    {
        image.Dispose();
        video.Dispose();
    }

    private static OdVaeTokenizer Create(string preset, ulong seed) =>
        new OdVaeFamily().CreateTokenizer(new TokenizerRequest { Preset = preset, RandomWeightsSeed = seed, DeviceContext = CpuDeviceContext.Instance });

    private InflationReport Inflate(InflationMode mode) => video.InflateFrom(image.Model.StateDict(), mode);

    private static Tensor Clip(ulong seed, long frames)
    {
        using var generator = new Generator(seed);
        using var noise = Tensor.Rand(generator, [1, 3, frames, 32, 32]);
        return noise * 2.0 - 1.0;
    }

    [Theory]
    [InlineData(InflationMode.Tail)]
    [InlineData(InflationMode.Average)]
    public void TheEncoderEqualsTheImageVaeOnASingleImage(InflationMode mode)
    {
        var report = Inflate(mode);
        using var picture = Clip(3, 1);

        using var expected = image.Model.EncodeMoments(picture);
        using var actual = video.Model.EncodeMoments(picture);

        Assert.Empty(report.Kept);
        Assert.NotEmpty(report.Inflated);
        Assert.Equal(expected.Shape, actual.Shape);
        TensorAssert.Close(expected, actual, 1e-5);
    }

    [Fact]
    public void EveryLatentFrameOfAStaticClipEqualsTheImageLatent()
    {
        Inflate(InflationMode.Tail);
        using var picture = Clip(4, 1);
        using var still = picture.Expand(1, 3, 9, 32, 32).Contiguous();

        using var expected = image.Model.EncodeMoments(picture);
        using var actual = video.Model.EncodeMoments(still);

        Assert.Equal(3, actual.Size(2));
        for (var t = 0; t < actual.Size(2); t++)
        {
            using var frame = actual.Narrow(2, t, 1);
            TensorAssert.Close(expected, frame, 1e-5);
        }
    }

    [Fact]
    public void TailAndAverageDifferOnMotion()
    {
        using var moving = Clip(5, 9);
        Inflate(InflationMode.Tail);
        using var tail = video.Model.EncodeMoments(moving);
        Inflate(InflationMode.Average);
        using var average = video.Model.EncodeMoments(moving);

        using var zeros = tail.Mul(0);
        var scale = TensorAssert.MaxAbsDiff(tail, zeros);
        Assert.True(TensorAssert.MaxAbsDiff(tail, average) > 1e-2 * scale, $"tail and average moments differ by {TensorAssert.MaxAbsDiff(tail, average)} at a scale of {scale}");
    }

    [Fact]
    public void ThreeDKernelsTakeTheTwoDKernelAtTheLastTimeStep()
    {
        Inflate(InflationMode.Tail);
        var imageWeights = image.Model.StateDict();
        var videoWeights = video.Model.StateDict();

        var kernel = videoWeights["encoder.down.2.block.0.conv1.conv.weight"];
        using var last = kernel.Narrow(2, 2, 1).Squeeze(2);
        using var earlier = kernel.Narrow(2, 0, 2);
        TensorAssert.Close(imageWeights["encoder.down.2.block.0.conv1.weight"], last, 0);
        using var zeros = earlier.Mul(0);
        Assert.Equal(0, TensorAssert.MaxAbsDiff(earlier, zeros));
    }
}
