using VideoPipe.Jobs.Training;

namespace VideoPipe.Training.Tests.Jobs;

/// <summary>The REGEN study's configs (configs/train/regen) train through the trainer and are evaluated; the generative one through its seeded decode.</summary>
[Collection(TrainingCollection.Name)]
public sealed class RegenTrainingTests : IDisposable
{
    private readonly TrainingRuns runs = new();

    [Theory]
    [InlineData("generative-8x.json", "diffusion")]
    [InlineData("deterministic-8x.json", "mse")]
    public void EachStudyConfigTrainsAndScoresItsHeldOutClips(string config, string lossTerm)
    {
        string[] data = ["data.folders=[]", "eval.folders=[]", "eval.every=2", "eval.clips=1", "model.config.width=32", "model.config.depth=1", "model.config.heads=2"];
        Assert.Equal(TrainingOutcome.Completed, runs.StartShipped("regen", ["regen", config], data));
        var rows = runs.Metrics("regen");
        Assert.All(rows, r => Assert.True(r.ContainsKey(lossTerm), $"no {lossTerm} in {r.ToJsonString()}"));
        var scored = rows.Where(r => r.ContainsKey("eval_psnr")).ToList();
        Assert.NotEmpty(scored);
        Assert.All(scored, r => Assert.True(double.IsFinite((double)r["eval_psnr"]!)));
    }

    [Fact]
    public void PixelLossesOnTheGenerativeDecoderAreRefusedWithTheKeysToChange()
    {
        var error = Assert.ThrowsAny<Exception>(() => runs.StartShipped("regen-l1", ["regen", "generative-8x.json"],
            "data.folders=[]", "eval.folders=[]", "eval.every=0", "losses.l1=1", "model.config.width=32", "model.config.depth=1", "model.config.heads=2"));
        Assert.Contains("losses.l1", error.ToString());
    }

    public void Dispose() => runs.Dispose();
}
