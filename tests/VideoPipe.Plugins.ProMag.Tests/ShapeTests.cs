using VideoPipe.Abstractions;
using VideoPipe.Plugins.ProMag.Layers;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.ProMag.Tests;

/// <summary>Acceptance tests 1 and 6 of the spec: the frame rule at 4x, 8x and 16x, and decoding that never makes padding frames.</summary>
public sealed class ShapeTests
{
    [Theory]
    [InlineData(4, 5)]
    [InlineData(8, 3)]
    [InlineData(16, 2)]
    public void SeventeenFramesGiveTheSpecsLatentFramesAndDecodeBackToSeventeen(int ratio, long latentFrames)
    {
        using var tokenizer = TinyProMag.Create(ratio);
        using var scope = DisposeScope.Enter();
        var latents = tokenizer.Encode(TinyProMag.Video(17), EncodeOptions.Default);
        Assert.Equal([1, 8, latentFrames, 2, 2], latents.Shape);
        Assert.Equal([1, 3, 17, 16, 16], tokenizer.Decode(latents, DecodeOptions.Default).Shape);
    }

    [Theory]
    [InlineData(4, GrowthMode.Recursive, 1)]
    [InlineData(8, GrowthMode.Recursive, 3)]
    [InlineData(16, GrowthMode.FromBase, 2)]
    [InlineData(16, GrowthMode.Recursive, 0)]
    public void OnePlusKnFramesGiveOnePlusNLatentFrames(int ratio, GrowthMode mode, long n)
    {
        using var tokenizer = TinyProMag.Create(ratio, c => c with { GrowthMode = mode });
        using var scope = DisposeScope.Enter();
        var frames = 1 + ratio * n;
        var latents = tokenizer.Encode(TinyProMag.Video(frames, size: 8), EncodeOptions.Default);
        Assert.Equal(1 + n, latents.Size(2));
        Assert.Equal(frames, tokenizer.Decode(latents, DecodeOptions.Default).Size(2));
    }

    [Fact]
    public void ATemporalDepthToSpaceUpsampleMakesOnePlusTwoMFrames()
    {
        using var upsample = new DepthToSpaceUpsample(4, 2, 2);
        using var generator = new Generator(1);
        upsample.InitializeRandom(generator);
        using var scope = DisposeScope.Enter();
        var output = upsample.Forward(Tensor.Randn(generator, [1, 4, 3, 2, 2]));
        Assert.Equal([1, 4, 5, 4, 4], output.Shape);
    }

    [Fact]
    public void ARepeatingUpsampleMapsFramesToF0F1F1F2F2()
    {
        using var upsample = new DepthToSpaceUpsample(2, 2, 1);
        upsample.InitializeAsRepeat();
        using var scope = DisposeScope.Enter();
        using var generator = new Generator(2);
        var input = Tensor.Randn(generator, [1, 2, 3, 2, 2]);
        var output = upsample.Forward(input);
        var expected = input.IndexSelect(2, Tensor.FromArray(new long[] { 0, 1, 1, 2, 2 }, 5));
        Assert.Equal(0, TinyProMag.MaxAbsDiff(output, expected), 6);
    }

    [Fact]
    public void FrameCountsOffTheRuleAndMisalignedSizesAreRefusedClearly()
    {
        using var tokenizer = TinyProMag.Create(8);
        using var scope = DisposeScope.Enter();
        var frames = Assert.Throws<ArgumentException>(() => tokenizer.Encode(TinyProMag.Video(13), EncodeOptions.Default));
        Assert.Contains("1+8k", frames.Message);
        var size = Assert.Throws<ArgumentException>(() => tokenizer.Encode(TinyProMag.Video(9, size: 12), EncodeOptions.Default));
        Assert.Contains("multiples of 8", size.Message);
    }
}
