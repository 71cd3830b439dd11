using VideoPipe.Abstractions;
using VideoPipe.Torch;
using VideoPipe.Torch.Optim;
using Xunit.Abstractions;

namespace VideoPipe.Plugins.Regen.Tests;

/// <summary>The training contract: the flow-matching loss in FamilyLosses, the posterior, and AdamW steps that lower the loss.</summary>
public sealed class TrainingTests(ITestOutputHelper output)
{
    private static double Loss(RegenTokenizer tokenizer, Tensor video, bool backward)
    {
        using var scope = DisposeScope.Enter();
        using var generator = new Generator(21);
        using var forward = tokenizer.Forward(video, new TrainingForwardOptions { Generator = generator, SamplePosterior = false });
        var loss = forward.FamilyLosses[RegenTokenizer.DiffusionLoss];
        if (backward)
        {
            loss.Backward();
        }

        return loss.Item();
    }

    [Fact]
    public void TwentyAdamWStepsLowerTheDiffusionLossOnAFixedBatch()
    {
        using var tokenizer = TinyRegen.Create(4);
        using var scope = DisposeScope.Enter();
        var video = TinyRegen.Video(5, batch: 2);
        tokenizer.SetTraining(true);
        try
        {
            using var mode = GradMode.Enable();
            var parameters = tokenizer.Parameters();
            using var optimizer = new AdamW(
                [new ParameterGroup(parameters.Where(p => !p.NoWeightDecay).Select(p => p.Value).ToList()),
                 new ParameterGroup(parameters.Where(p => p.NoWeightDecay).Select(p => p.Value).ToList()) { WeightDecay = 0 }],
                learningRate: 3e-3, beta2: 0.99, weightDecay: 0);
            var before = Loss(tokenizer, video, backward: false);
            for (var step = 0; step < 20; step++)
            {
                optimizer.ZeroGrad();
                Loss(tokenizer, video, backward: true);
                optimizer.Step();
            }

            var after = Loss(tokenizer, video, backward: false);
            output.WriteLine($"diffusion loss on the fixed batch: {before:F4} before, {after:F4} after 20 AdamW steps");
            Assert.True(after < 0.7 * before, $"diffusion loss {before} -> {after}");
        }
        finally
        {
            tokenizer.SetTraining(false);
        }
    }

    [Fact]
    public void TheForwardReturnsThePosteriorOfEveryChunk()
    {
        using var tokenizer = TinyRegen.Create(4);
        using var scope = DisposeScope.Enter();
        tokenizer.SetTraining(true);
        try
        {
            using var mode = GradMode.Enable();
            using var generator = new Generator(1);
            using var forward = tokenizer.Forward(TinyRegen.Video(9), new TrainingForwardOptions { Generator = generator });
            Assert.Null(forward.Reconstruction);
            Assert.Equal(new long[] { 2, 8, 2, 2, 2 }, forward.PosteriorMean!.Shape);
            Assert.True(forward.FamilyLosses[RegenTokenizer.DiffusionLoss].RequiresGrad);
        }
        finally
        {
            tokenizer.SetTraining(false);
        }
    }

    [Fact]
    public void AClipOffTheFrameRuleIsRefusedByName()
    {
        using var tokenizer = TinyRegen.Create(4);
        using var scope = DisposeScope.Enter();
        using var generator = new Generator(1);
        var error = Assert.Throws<ArgumentException>(() => tokenizer.Forward(TinyRegen.Video(6), new TrainingForwardOptions { Generator = generator }));
        Assert.Contains("6", error.Message);
    }
}
