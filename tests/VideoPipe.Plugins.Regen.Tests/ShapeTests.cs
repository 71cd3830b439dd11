using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Regen.Tests;

/// <summary>Spec §12 tests 1, 3 and 7: latent and frame counts for every k, image mode, any resolution.</summary>
public sealed class ShapeTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(32)]
    public void OneChunkMapsToTwoLatentFramesAndBack(int ratio)
    {
        using var tokenizer = TinyRegen.Create(ratio);
        using var scope = DisposeScope.Enter();
        var video = TinyRegen.Video(1 + ratio);
        var latents = tokenizer.Encode(video, EncodeOptions.Default);
        Assert.Equal(new long[] { 1, 8, 2, 2, 2 }, latents.Shape);
        var decoded = tokenizer.Decode(latents, new DecodeOptions { Seed = 1 });
        Assert.Equal(new long[] { 1, 3, 1 + ratio, 16, 16 }, decoded.Shape);
        Assert.Equal(2, tokenizer.Card.FrameRule.LatentFrames(1 + ratio));
    }

    [Fact]
    public void LongerClipsAddOneMotionLatentPerKFramesAndPadTheTail()
    {
        using var tokenizer = TinyRegen.Create(4);
        using var scope = DisposeScope.Enter();
        var latents = tokenizer.Encode(TinyRegen.Video(1 + 8 + 2), EncodeOptions.Default);
        Assert.Equal(4, latents.Size(2));
        var decoded = tokenizer.Decode(latents, new DecodeOptions { Seed = 1 });
        Assert.Equal(13, decoded.Size(2));
    }

    [Fact]
    public void AnImageEncodesToOneLatentFrameAndDecodesToOneFrame()
    {
        using var tokenizer = TinyRegen.Create(8);
        using var scope = DisposeScope.Enter();
        var latents = tokenizer.Encode(TinyRegen.Video(1), EncodeOptions.Default);
        Assert.Equal(new long[] { 1, 8, 1, 2, 2 }, latents.Shape);
        Assert.Equal(new long[] { 1, 3, 1, 16, 16 }, tokenizer.Decode(latents, new DecodeOptions { Seed = 2 }).Shape);
    }

    [Fact]
    public void TheSameWeightsRunAtAnotherResolution()
    {
        using var tokenizer = TinyRegen.Create(4);
        using var scope = DisposeScope.Enter();
        var video = TinyRegen.Video(5, size: 24);
        var latents = tokenizer.Encode(video, EncodeOptions.Default);
        Assert.Equal(new long[] { 1, 8, 2, 3, 3 }, latents.Shape);
        Assert.Equal(video.Shape, tokenizer.Decode(latents, new DecodeOptions { Seed = 2 }).Shape);
    }

    [Fact]
    public void LaterFramesNeverChangeTheContentLatent()
    {
        using var tokenizer = TinyRegen.Create(4);
        using var scope = DisposeScope.Enter();
        var video = TinyRegen.Video(5);
        var changed = Tensor.Cat([video.Narrow(2, 0, 1), TinyRegen.Video(4, seed: 99) * 0.5], 2);
        var a = tokenizer.Model.Encoder.Forward(video).Narrow(2, 0, 1);
        var b = tokenizer.Model.Encoder.Forward(changed).Narrow(2, 0, 1);
        Assert.Equal(0, TinyRegen.MaxAbsDiff(a, b));
        Assert.True(TinyRegen.MaxAbsDiff(tokenizer.Model.Encoder.Forward(video).Narrow(2, 1, 1), tokenizer.Model.Encoder.Forward(changed).Narrow(2, 1, 1)) > 0);
    }
}
