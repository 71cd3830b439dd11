using VideoPipe.Abstractions;
using VideoPipe.Torch;
using VideoPipe.Torch.Optim;

namespace VideoPipe.Plugins.ProMag.Tests;

/// <summary>
/// The spec's optional Stage I image initialization: a 4x base inflated from its -image model encodes and decodes a
/// single frame exactly as the image model; freeze_image_encoder then trains everything but the encoder.
/// </summary>
public sealed class ImageInitTests
{
    private static ProMagTokenizer ImageModel(ulong seed = 21)
    {
        var image = TinyProMag.Create(ProMagPresets.Get(ProMagPresets.Xs + ProMagPresets.ImageSuffix), seed);
        using var generator = new Generator(seed + 1);
        DefaultInitialization.Apply([.. image.Model.StateDict().Select(kv => (kv.Key, kv.Value))], generator);
        return image;
    }

    [Theory]
    [InlineData(InflationMode.Tail)]
    [InlineData(InflationMode.Average)]
    public void AnInflatedBaseCodesOneFrameExactlyAsItsImageModel(InflationMode mode)
    {
        using var image = ImageModel();
        using var video = TinyProMag.Busy(4, seed: 8);
        using var scope = DisposeScope.Enter();
        var frame = TinyProMag.Video(1);
        var imageLatent = image.Model.Moments(frame);
        var imageDecoded = image.Model.Decode(image.Model.SplitMoments(imageLatent).Mean);
        Assert.True(TinyProMag.MaxAbsDiff(video.Model.Moments(frame), imageLatent) > 1e-2, "a different model before inflation");

        var report = video.InflateFrom(image.Model.StateDict(), mode);

        Assert.Empty(report.Kept);
        Assert.Contains("encoder.stem.conv.weight", report.Inflated);
        Assert.Contains(report.Inflated, name => name.StartsWith("decoder.upsamples.", StringComparison.Ordinal));
        var latent = video.Model.Moments(frame);
        Assert.True(TinyProMag.MaxAbsDiff(latent, imageLatent) < 1e-5, $"encode differs by {TinyProMag.MaxAbsDiff(latent, imageLatent)}");
        var decoded = video.Model.Decode(video.Model.SplitMoments(latent).Mean);
        Assert.Equal(imageDecoded.Shape, decoded.Shape);
        Assert.True(TinyProMag.MaxAbsDiff(decoded, imageDecoded) < 1e-5, $"decode differs by {TinyProMag.MaxAbsDiff(decoded, imageDecoded)}");
    }

    [Fact]
    public void TailInflationEncodesEveryFrameOfAStaticClipAsTheImage()
    {
        using var image = ImageModel();
        using var video = TinyProMag.Busy(4, seed: 8);
        using var scope = DisposeScope.Enter();
        video.InflateFrom(image.Model.StateDict(), InflationMode.Tail);
        var frame = TinyProMag.Video(1);

        var latents = video.Model.Moments(frame.Expand([1, 3, 9, frame.Size(3), frame.Size(4)]).Contiguous());

        var imageLatent = image.Model.Moments(frame);
        for (long t = 0; t < latents.Size(2); t++)
        {
            Assert.True(TinyProMag.MaxAbsDiff(latents.Narrow(2, t, 1), imageLatent) < 1e-5, $"latent frame {t}");
        }
    }

    [Fact]
    public void AGrownModelOrAnotherLayoutIsRefusedOrLeftAsItWas()
    {
        using var image = ImageModel();
        using var grown = TinyProMag.Create(8);
        var e = Assert.Throws<ArgumentException>(() => grown.InflateFrom(image.Model.StateDict(), InflationMode.Tail));
        Assert.Contains("for the 4x base (Stage I)", e.Message);

        using var wider = TinyProMag.Create(4, c => c with { BaseChannels = 32 });
        var report = wider.InflateFrom(image.Model.StateDict(), InflationMode.Tail);
        Assert.Contains("encoder.stem.conv.weight", report.Kept);
    }

    [Fact]
    public void AFrozenImageEncoderGetsNoUpdateWhileTheRestOfStageITrains()
    {
        using var image = ImageModel();
        using var video = TinyProMag.Create(4, c => c with { FreezeImageEncoder = true }, seed: 8);
        video.InflateFrom(image.Model.StateDict(), InflationMode.Tail);
        video.SetTraining(true);
        try
        {
            var parameters = video.Parameters();
            Assert.DoesNotContain(parameters, p => p.Name.StartsWith("encoder.", StringComparison.Ordinal));
            Assert.Contains(parameters, p => p.Name.StartsWith("decoder.", StringComparison.Ordinal));
            var encoder = video.Model.StateDict().Where(kv => kv.Key.StartsWith("encoder.", StringComparison.Ordinal)).ToList();
            var before = encoder.ToDictionary(kv => kv.Key, kv => kv.Value.Clone());
            var decoderWeight = video.Model.StateDict()["decoder.out_conv.conv.weight"];
            using var decoderBefore = decoderWeight.Clone();
            using var mode = GradMode.Enable();
            using var scope = DisposeScope.Enter();
            var clip = TinyProMag.Video(9, batch: 2);
            using var optimizer = new AdamW([new ParameterGroup([.. parameters.Select(p => p.Value)])], 3e-3, weightDecay: 0);
            for (var step = 0; step < 3; step++)
            {
                optimizer.ZeroGrad();
                using var forward = video.Forward(clip, new TrainingForwardOptions { SamplePosterior = false });
                (forward.Reconstruction! - clip).Abs().Mean().Backward();
                Assert.All(encoder, kv => Assert.Null(kv.Value.Grad));
                optimizer.Step();
            }

            Assert.All(encoder, kv => Assert.Equal(0, TinyProMag.MaxAbsDiff(kv.Value, before[kv.Key])));
            Assert.True(TinyProMag.MaxAbsDiff(decoderWeight, decoderBefore) > 0, "the decoder trains");
            foreach (var copy in before.Values)
            {
                copy.Dispose();
            }
        }
        finally
        {
            video.SetTraining(false);
        }
    }

    [Fact]
    public void ImagePresetsHaveNoTemporalCompressionAndTheOptionRoundTrips()
    {
        var image = ProMagPresets.Get("promag-s-image");
        Assert.Equal(1, image.TemporalRatio);
        Assert.Empty(image.TemporalLevels);
        Assert.Contains("promag-xs-image", ProMagPresets.Names);
        Assert.Throws<ArgumentException>(() => ProMagPresets.Get("promag-xs-8x-image"));
        var config = TinyProMag.Config(4, c => c with { FreezeImageEncoder = true });
        Assert.Contains("\"freeze_image_encoder\":true", config.ToJson().Replace(" ", ""));
        Assert.True(ProMagConfig.FromJson(TinyProMag.Json(config)).FreezeImageEncoder);
    }
}
