using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.ProMag.Tests;

/// <summary>
/// Acceptance test 3 of the spec: a freshly grown model encodes x exactly as the model it grew from encodes the
/// subsampled x (8x from 4x on x[::2], 16x from 8x on x[::2] recursively, 16x from the base on x[::4]), and the
/// growth refuses weights or configs that are not the smaller model.
/// </summary>
public sealed class GrowthTests
{
    private static ProMagTokenizer Grown(ProMagTokenizer smaller, ProMagConfig config, ulong seed = 9)
    {
        var grown = TinyProMag.Create(config, seed);
        var report = grown.GrowFrom(smaller.Model.StateDict(), TinyProMag.Json(smaller.Model.Config));
        Assert.NotEmpty(report.Initialized);
        Assert.All(report.Initialized, k => Assert.StartsWith($"growth.{grown.Model.GrowthStages - 1}.", k));
        return grown;
    }

    private static void AssertEncodesLikeTheSmallerOnTheSubsampledVideo(ProMagTokenizer smaller, ProMagTokenizer grown, int factor, long frames)
    {
        using var scope = DisposeScope.Enter();
        var video = TinyProMag.Video(frames, size: 16, batch: 2);
        var expected = smaller.Encode(video.Slice(2, 0, frames, factor), EncodeOptions.Default);
        var actual = grown.Encode(video, EncodeOptions.Default);
        Assert.True(TinyProMag.MaxAbsDiff(actual, expected) < 1e-5, $"max abs diff {TinyProMag.MaxAbsDiff(actual, expected)}");
    }

    [Fact]
    public void AFreshlyGrownEightXEncodesAsTheFourXOnEveryOtherFrame()
    {
        using var base4 = TinyProMag.Create(4, seed: 3);
        using var grown8 = Grown(base4, TinyProMag.Config(8));
        AssertEncodesLikeTheSmallerOnTheSubsampledVideo(base4, grown8, 2, 17);
    }

    [Fact]
    public void RecursiveSixteenXGrowsFromTheEightXAsTheEightXGrewFromTheBase()
    {
        using var base4 = TinyProMag.Create(4, seed: 3);
        using var grown8 = Grown(base4, TinyProMag.Config(8));
        using (DisposeScope.Enter())
        {
            // the 8x a 16x grows from has trained its stage: make it non-trivial so the check means something
            using var generator = new Generator(11);
            foreach (var (name, tensor) in grown8.Model.StateDict().Where(kv => kv.Key.StartsWith("growth.0.", StringComparison.Ordinal)))
            {
                tensor.CopyFrom(Tensor.Randn(generator, tensor.Shape) * 0.05);
            }
        }

        using var grown16 = Grown(grown8, TinyProMag.Config(16));
        AssertEncodesLikeTheSmallerOnTheSubsampledVideo(grown8, grown16, 2, 33);
    }

    [Fact]
    public void SixteenXFromTheBaseEncodesAsTheFourXOnEveryFourthFrame()
    {
        using var base4 = TinyProMag.Create(4, seed: 3);
        using var grown16 = Grown(base4, TinyProMag.Config(16, c => c with { GrowthMode = GrowthMode.FromBase }));
        Assert.Equal([4], grown16.Model.Config.GrowthFactors);
        AssertEncodesLikeTheSmallerOnTheSubsampledVideo(base4, grown16, 4, 17);
    }

    [Fact]
    public void TheGrowthStillLearnsFromItsFirstStep()
    {
        // zero-initialized convs must not cut the gradient: the new stage's weights all get a gradient at step 0
        using var base4 = TinyProMag.Create(4, seed: 3);
        using var grown8 = TinyProMag.Create(8, seed: 9);
        grown8.SetTraining(true);
        try
        {
            grown8.GrowFrom(base4.Model.StateDict(), null);
            using var mode = GradMode.Enable();
            using var scope = DisposeScope.Enter();
            using var forward = grown8.Forward(TinyProMag.Video(17), new TrainingForwardOptions { SamplePosterior = false });
            (forward.Reconstruction! - TinyProMag.Video(17, seed: 6)).Abs().Mean().Backward();
            var parameters = grown8.Parameters();
            var downsampleWeight = parameters.Single(p => p.Name == "growth.0.downsamples.0.conv.weight");
            Assert.True(downsampleWeight.Value.Grad!.Abs().MaxValue() > 0, "the zeroed final downsample receives a gradient");
            Assert.True(parameters.Single(p => p.Name == "growth.0.mix.affine.conv.weight").Value.Grad is not null);
        }
        finally
        {
            grown8.SetTraining(false);
        }
    }

    [Fact]
    public void GrowingFromWeightsThatAreNotTheSmallerModelFailsNamingTheKeys()
    {
        using var other = TinyProMag.Create(4, c => c with { ResBlocksPerLevel = 2 });
        using var grown8 = TinyProMag.Create(8);
        var error = Assert.Throws<ArgumentException>(() => grown8.GrowFrom(other.Model.StateDict(), null));
        Assert.Contains("not a 4x ProMAG of this layout", error.Message);
        Assert.Contains("unexpected", error.Message);
    }

    [Fact]
    public void GrowingFromAMismatchedConfigFails()
    {
        using var base4 = TinyProMag.Create(4);
        using var grown8 = TinyProMag.Create(8);
        var wrong = TinyProMag.Json(base4.Model.Config with { Norm = NormType.Group });
        var error = Assert.Throws<ArgumentException>(() => grown8.GrowFrom(base4.Model.StateDict(), wrong));
        Assert.Contains("does not match", error.Message);
    }

    [Fact]
    public void TheBaseDoesNotGrow()
    {
        using var base4 = TinyProMag.Create(4);
        using var other = TinyProMag.Create(4);
        Assert.Contains("is the base", Assert.Throws<ArgumentException>(() => base4.GrowFrom(other.Model.StateDict(), null)).Message);
    }
}
