using VideoPipe.Jobs.Training;
using VideoPipe.Plugins.ProMag;
using VideoPipe.Tests.Shared;

namespace VideoPipe.Training.Tests.Jobs;

/// <summary>model.init_seed: PyTorch's default init for every parameter but those the family built on purpose.</summary>
public sealed class SeededInitializationTests
{
    [Fact]
    public void ASeededProMagWithAdaptiveNormStartsWithZeroModulationAndEverythingElseInitialized()
    {
        var config = ProMagPresets.Get(ProMagPresets.Xs) with { DecoderAdaptiveNorm = true };
        var options = TrainingConfigFile.Load(Repository.Path("configs", "train", "promag", "stage1-4x.json"),
            ["data.source=synthetic", "data.size=16", "data.frames=9", "data.folders=[]", "eval.folders=[]", $"model.config={config.ToJson()}"]);

        using var model = TrainingModel.Create(TrainingRuns.Families("promag"), options);

        var modulations = model.Parameters.Where(p => p.KeepsItsInitialization).ToList();
        Assert.NotEmpty(modulations);
        Assert.All(modulations, p => Assert.Contains(".modulation.", p.Name));
        Assert.All(modulations, p => Assert.Equal(0, p.Value.Abs().MaxValue()));
        var convWeights = model.Parameters.Where(p => !p.KeepsItsInitialization && p.Name.EndsWith("conv.weight", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(convWeights);
        Assert.All(convWeights, p => Assert.True(p.Value.Abs().MaxValue() > 0, $"{p.Name} was not initialized"));
    }
}
