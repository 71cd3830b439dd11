using VideoPipe.Jobs.Training;
using VideoPipe.Tests.Shared;

namespace VideoPipe.Training.Tests.Jobs;

public sealed class TrainingConfigTests
{
    private static readonly string Smoke = Repository.Path("configs", "train", "smoke.json");

    [Fact]
    public void TheSmokeConfigIsValid()
    {
        var options = TrainingConfigFile.Load(Smoke, []);
        Assert.Equal("odvae", options.Model.Family);
        Assert.Equal(32, options.Model.Config!.Value.GetProperty("hidden_size").GetInt32());
        Assert.Equal(20, options.Steps);
    }

    [Fact]
    public void AModelConfigPathResolvesAgainstTheTrainingConfig()
    {
        var options = TrainingConfigFile.Load(Smoke, ["model.config=../odvae-tiny.json"]);
        Assert.Equal(2, options.Model.Config!.Value.GetProperty("num_res_blocks").GetInt32());
        var missing = Assert.Throws<TrainingConfigException>(() => TrainingConfigFile.Load(Smoke, ["model.config=nowhere.json"]));
        Assert.StartsWith("model.config: ", missing.Errors.Single());
    }

    [Fact]
    public void OverridesApplyAsRunsDo()
    {
        var options = TrainingConfigFile.Load(Smoke, ["optimizer.lr=0.5", "data.frame_strides=[1,2]", "losses.adversarial={\"start_step\":3}"]);
        Assert.Equal(0.5, options.Optimizer.Lr);
        Assert.Equal([1, 2], options.Data.FrameStrides);
        Assert.Equal(3, options.Losses.Adversarial!.StartStep);
    }

    [Fact]
    public void EveryInvalidValueIsReportedWithItsPath()
    {
        var e = Assert.Throws<TrainingConfigException>(() => TrainingConfigFile.Load(Smoke, ["optimizer.lr=0", "data.crop=diagonal", "batch_size=0", "schedule.type=step"]));
        Assert.Contains("optimizer.lr: must be > 0", e.Errors);
        Assert.Contains(e.Errors, m => m.StartsWith("data.crop:", StringComparison.Ordinal));
        Assert.Contains(e.Errors, m => m.StartsWith("batch_size:", StringComparison.Ordinal));
        Assert.Contains(e.Errors, m => m.StartsWith("schedule.type:", StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownKeysAndWrongTypesNameTheirPath()
    {
        var unknown = Assert.Throws<TrainingConfigException>(() => TrainingConfigFile.Load(Smoke, ["optimizer.learning_rate=0.1"]));
        Assert.Equal("optimizer.learning_rate: unknown key", unknown.Errors.Single());
        var type = Assert.Throws<TrainingConfigException>(() => TrainingConfigFile.Load(Smoke, ["steps=many"]));
        Assert.Equal("steps: has the wrong type (expected Int64)", type.Errors.Single());
    }

    [Fact]
    public void VideoSourcesNeedExistingFolders()
    {
        var e = Assert.Throws<TrainingConfigException>(() => TrainingConfigFile.Load(Smoke, ["data.source=videos", "data.folders=[\"no/such/folder\"]"]));
        Assert.Contains(e.Errors, m => m.StartsWith("data.folders[0]: folder", StringComparison.Ordinal));
    }
}
