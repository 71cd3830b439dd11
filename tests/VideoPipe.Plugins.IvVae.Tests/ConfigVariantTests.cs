using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Tests;

/// <summary>The model follows the config (other widths, depths, stage counts, attention scales), not one case.</summary>
public sealed class ConfigVariantTests
{
    private static ITokenizer Create(string config) => new IvVaeFamily().Create(new TokenizerRequest
    {
        Config = JsonDocument.Parse(config).RootElement.Clone(),
        RandomWeightsSeed = 4,
        DeviceContext = CpuDeviceContext.Instance,
    });

    [Theory]
    [InlineData("""{"dim": 2, "z_dim": 2, "dim_mult": [1, 2, 2], "num_res_blocks": 1, "temperal_downsample": [true, true]}""", 4)]
    [InlineData("""{"dim": 2, "z_dim": 6, "dim_mult": [1, 1, 2, 2], "num_res_blocks": 1, "attn_scales": [0.5], "temperal_downsample": [false, true, true]}""", 8)]
    public void OtherConfigsRunAndStreamExactly(string config, int spatial)
    {
        using var tokenizer = Create(config);
        Assert.Equal(spatial, tokenizer.Card.SpatialCompression);
        using var video = TinyModels.Video(9, size: 2 * spatial);
        using var latent = tokenizer.Encode(video, EncodeOptions.Default);
        Assert.Equal([1, tokenizer.Card.LatentChannels, 3, 2, 2], latent.Shape);
        using var recon = tokenizer.Decode(latent, DecodeOptions.Default);
        Assert.Equal(video.Shape, recon.Shape);

        using var session = ((IStreamingTokenizer)tokenizer).BeginEncode(EncodeOptions.Default);
        using var a = session.Push(video.Narrow(2, 0, 3));
        using var b = session.Push(video.Narrow(2, 3, 6));
        using var streamed = Tensor.Cat([a!, b!], 2);
        Assert.True(TinyModels.MaxAbsDiff(latent, streamed) < 1e-5);
    }

    [Fact]
    public void BatchItemsAreEncodedAndDecodedIndependently()
    {
        using var tokenizer = TinyModels.Tokenizer();
        using var first = TinyModels.Video(5, size: 24, seed: 1);
        using var second = TinyModels.Video(5, size: 24, seed: 2);
        using var both = Tensor.Cat([first, second], 0);
        using var latents = tokenizer.Encode(both, EncodeOptions.Default);
        using var alone = tokenizer.Encode(second, EncodeOptions.Default);
        Assert.True(TinyModels.MaxAbsDiff(latents.Narrow(0, 1, 1), alone) < 1e-5);

        using var recon = tokenizer.Decode(latents, DecodeOptions.Default);
        using var reconAlone = tokenizer.Decode(alone, DecodeOptions.Default);
        Assert.True(TinyModels.MaxAbsDiff(recon.Narrow(0, 1, 1), reconAlone) < 1e-4);
    }

    [Fact]
    public void ASingleFrameIsAValidClip()
    {
        using var tokenizer = TinyModels.Tokenizer();
        using var image = TinyModels.Video(1, size: 16);
        using var latent = tokenizer.Encode(image, EncodeOptions.Default);
        Assert.Equal([1, 4, 1, 2, 2], latent.Shape);
        using var recon = tokenizer.Decode(latent, DecodeOptions.Default);
        Assert.Equal(image.Shape, recon.Shape);
    }
}
