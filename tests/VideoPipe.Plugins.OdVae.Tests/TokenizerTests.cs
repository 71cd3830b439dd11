using VideoPipe.Abstractions;
using VideoPipe.Plugins.OdVae.Model;
using VideoPipe.Plugins.OdVae.Tiling;
using VideoPipe.Torch;
using Xunit.Abstractions;

namespace VideoPipe.Plugins.OdVae.Tests;

public class TokenizerTests(ITestOutputHelper output)
{
    [Fact]
    public void EncodeReturnsTheScaledPosteriorMeanByDefault()
    {
        using var tiny = new TinyCase();
        using var tokenizer = tiny.Create();
        using var latent = tokenizer.Encode(tiny.Video, EncodeOptions.Default);
        using var expected = tiny.Goldens["latent_mean"] * OdVaeCard.ScalingFactor;
        TensorAssert.Close(expected, latent, 1e-5);

        using var raw = tokenizer.Encode(tiny.Video, EncodeOptions.Default with { Scaled = false });
        TensorAssert.Close(tiny.Goldens["latent_mean"], raw, 1e-4);
    }

    [Fact]
    public void DecodeUnscalesOnceBeforeDecoding()
    {
        using var tiny = new TinyCase();
        using var tokenizer = tiny.Create();
        using var scaled = tiny.Goldens["latent_mean"] * OdVaeCard.ScalingFactor;
        using var video = tokenizer.Decode(scaled, DecodeOptions.Default);
        TensorAssert.Close(tiny.Goldens["recon"], video, 5e-4);
    }

    [Fact]
    public void SamplingNeedsASeedAndIsReproducible()
    {
        using var tiny = new TinyCase();
        using var tokenizer = tiny.Create();
        Assert.Throws<ArgumentException>(() => tokenizer.Encode(tiny.Video, new EncodeOptions { Posterior = PosteriorMode.Sample }));
        using var a = tokenizer.Encode(tiny.Video, new EncodeOptions { Posterior = PosteriorMode.Sample, Seed = 7, Scaled = false });
        using var b = tokenizer.Encode(tiny.Video, new EncodeOptions { Posterior = PosteriorMode.Sample, Seed = 7, Scaled = false });
        using var c = tokenizer.Encode(tiny.Video, new EncodeOptions { Posterior = PosteriorMode.Sample, Seed = 8, Scaled = false });
        Assert.Equal(0, TensorAssert.MaxAbsDiff(a, b));
        Assert.True(TensorAssert.MaxAbsDiff(a, c) > 0);
        // The sample is mean + std * eps with std = exp(logvar / 2) from the golden posterior.
        using var std = (tiny.Goldens["latent_logvar"] * 0.5).Exp();
        using var eps = (a - tiny.Goldens["latent_mean"]) / std;
        Assert.InRange(eps.Abs().MaxValue(), 1e-3, 6);
    }

    [Fact]
    public void TilingSettingsSelectTheUpstreamTiledPath()
    {
        using var tiny = new TinyCase();
        using var tokenizer = tiny.Create();
        var settings = new OdVaeSettings { TileSampleMinSize = 32, TileLatentMinSize = 4, TileSampleMinSizeT = 5, TileLatentMinSizeT = 2, TileOverlapFactor = 0.5 };
        Assert.Equal("0.5", settings.ToSettings()["tile_overlap_factor"]);
        using var tiled = tokenizer.Encode(tiny.Video, new EncodeOptions { Scaled = false, Settings = settings.ToSettings() });
        TensorAssert.Close(tiny.Goldens["tiled_latent_mean"], tiled, 1e-4);

        var off = settings with { Tiling = false };
        using var plain = tokenizer.Encode(tiny.Video, new EncodeOptions { Scaled = false, Settings = off.ToSettings() });
        TensorAssert.Close(tiny.Goldens["latent_mean"], plain, 1e-4);
    }

    [Fact]
    public void CardTemporalTileRuleReproducesTheTiledEncode()
    {
        // What a pipeline does with DefaultTileFrames/DefaultTileOverlapFrames: encode chunks of St frames sharing
        // one frame with the plain encoder, drop each later chunk's first latent, concatenate. Spatial tiles are
        // larger than the frame here, so this must equal the tokenizer's tiled encode exactly.
        using var tiny = new TinyCase();
        using var tokenizer = tiny.Create();
        var tiling = OdVaeTiling.UpstreamDefaults with { TileSampleMinSizeT = 5, TileSampleMinSize = 64, TileLatentMinSize = 8 };
        using var tiled = tokenizer.EncodeMoments(tiny.Video, tiling);

        var frames = (int)tiny.Video.Size(2);
        var step = tiling.TileSampleMinSizeT - 1;
        var parts = new List<Tensor>();
        for (var start = 0; start + 1 < frames; start += step)
        {
            using var chunk = tiny.Video.Slice(2, start, Math.Min(start + tiling.TileSampleMinSizeT, frames));
            var moments = tokenizer.EncodeMoments(chunk, tiling: null);
            parts.Add(start == 0 ? moments : moments.Slice(2, 1));
        }

        using var chunked = Tensor.Cat(parts, 2);
        Assert.Equal(0, TensorAssert.MaxAbsDiff(tiled, chunked));
        foreach (var p in parts)
        {
            p.Dispose();
        }
    }

    [Fact]
    public void TemporalChunksFollowUpstream()
    {
        Assert.Equal([(0, 33), (32, 65), (64, 93)], TemporalChunks.Plan(93, 33));
        Assert.Equal([(0, 33)], TemporalChunks.Plan(33, 33));
        Assert.Equal([(0, 17), (16, 33)], TemporalChunks.Plan(33, 17));
        Assert.Equal([(0, 5), (4, 9), (8, 10)], TemporalChunks.Plan(10, 5));
        Assert.Equal([(0, 2), (1, 3)], TemporalChunks.Plan(3, 2));
    }

    [Fact]
    public void BFloat16RunsAndStaysCloseToTheFloat32Golden()
    {
        using var tiny = new TinyCase();
        using var tokenizer = tiny.Create(DType.BFloat16);
        Assert.Equal(DType.BFloat16, tokenizer.DType);
        using var latent = tokenizer.Encode(tiny.Video, EncodeOptions.Default with { Scaled = false });
        using var video = tokenizer.Decode(tiny.Goldens["latent_mean"], DecodeOptions.Default with { Scaled = false });
        Assert.Equal(DType.Float32, latent.DType);
        var latentError = TensorAssert.MaxAbsDiff(tiny.Goldens["latent_mean"], latent);
        var videoError = TensorAssert.MaxAbsDiff(tiny.Goldens["recon"], video);
        using var latentScale = tiny.Goldens["latent_mean"].Abs();
        using var videoScale = tiny.Goldens["recon"].Abs();
        output.WriteLine($"bf16 vs fp32 golden: latent max|err| {latentError:E3} (max|golden| {latentScale.MaxValue():F3}), recon max|err| {videoError:E3} (max|golden| {videoScale.MaxValue():F3})");
        Assert.True(latentError < 0.1 * latentScale.MaxValue(), $"latent error {latentError}");
        Assert.True(videoError < 0.1 * videoScale.MaxValue(), $"recon error {videoError}");
        Assert.True(latentError > 0, "bf16 should not be bit-identical to fp32");
    }

    [Fact]
    public void RejectsVideosThatAreNotRgbClips()
    {
        using var tiny = new TinyCase();
        using var tokenizer = tiny.Create();
        using var gray = Tensor.Zeros([1, 1, 5, 16, 16]);
        Assert.Throws<ArgumentException>(() => tokenizer.Encode(gray, EncodeOptions.Default));
    }
}
