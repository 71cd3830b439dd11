using VideoPipe.Abstractions;
using VideoPipe.Torch;
using VideoPipe.Torch.Optim;

namespace VideoPipe.Plugins.ProMag.Tests;

/// <summary>The training contract: the base trains whole, a grown stage trains alone and the frozen parts never change.</summary>
public sealed class TrainingTests
{
    private static double L1(ProMagTokenizer tokenizer, Tensor video, bool backward)
    {
        using var scope = DisposeScope.Enter();
        using var forward = tokenizer.Forward(video, new TrainingForwardOptions { SamplePosterior = false });
        var loss = (forward.Reconstruction! - video).Abs().Mean();
        if (backward)
        {
            loss.Backward();
        }

        return loss.Item();
    }

    private static AdamW Optimizer(IReadOnlyList<TrainableParameter> parameters, double lr) =>
        new([new ParameterGroup(parameters.Select(p => p.Value).ToList())], lr, beta2: 0.99, weightDecay: 0);

    [Fact]
    public void TwentyAdamWStepsLowerTheBasesL1OnAFixedBatch()
    {
        using var tokenizer = TinyProMag.Create(4);
        using var scope = DisposeScope.Enter();
        var video = TinyProMag.Video(9, batch: 2);
        tokenizer.SetTraining(true);
        try
        {
            using var mode = GradMode.Enable();
            Assert.Equal(tokenizer.Model.StateDict().Count, tokenizer.Parameters().Count);
            using var optimizer = Optimizer(tokenizer.Parameters(), 3e-3);
            var before = L1(tokenizer, video, backward: false);
            for (var step = 0; step < 20; step++)
            {
                optimizer.ZeroGrad();
                L1(tokenizer, video, backward: true);
                optimizer.Step();
            }

            var after = L1(tokenizer, video, backward: false);
            Assert.True(after < 0.7 * before, $"L1 {before} -> {after}");
        }
        finally
        {
            tokenizer.SetTraining(false);
        }
    }

    [Fact]
    public void AGrownStageTrainsAloneAndTheFrozenPartsReceiveNoUpdate()
    {
        using var base4 = TinyProMag.Create(4, seed: 3);
        using var grown = TinyProMag.Create(8, seed: 9);
        grown.SetTraining(true);
        try
        {
            grown.GrowFrom(base4.Model.StateDict(), null);
            var parameters = grown.Parameters();
            Assert.All(parameters, p => Assert.StartsWith("growth.0.", p.Name));
            var frozen = grown.Model.StateDict().Where(kv => !kv.Key.StartsWith("growth.0.", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(frozen);
            var before = frozen.ToDictionary(kv => kv.Key, kv => kv.Value.Clone());
            using var mode = GradMode.Enable();
            using var scope = DisposeScope.Enter();
            var video = TinyProMag.Video(17, batch: 2);
            using var optimizer = Optimizer(parameters, 3e-3);
            var first = L1(grown, video, backward: false);
            for (var step = 0; step < 8; step++)
            {
                optimizer.ZeroGrad();
                L1(grown, video, backward: true);
                Assert.All(frozen, kv => Assert.Null(kv.Value.Grad));
                optimizer.Step();
            }

            Assert.True(L1(grown, video, backward: false) < first, "the new stage learns");
            Assert.All(frozen, kv => Assert.Equal(0, TinyProMag.MaxAbsDiff(kv.Value, before[kv.Key])));
            foreach (var copy in before.Values)
            {
                copy.Dispose();
            }
        }
        finally
        {
            grown.SetTraining(false);
        }
    }

    [Fact]
    public void WithoutFreezingAGrownModelTrainsEverything()
    {
        using var tokenizer = TinyProMag.Create(8, c => c with { FreezeBase = false });
        tokenizer.SetTraining(true);
        try
        {
            Assert.Equal(tokenizer.Model.StateDict().Count, tokenizer.Parameters().Count);
        }
        finally
        {
            tokenizer.SetTraining(false);
        }
    }
}
