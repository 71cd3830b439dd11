using VideoPipe.Torch;
using VideoPipe.Torch.Optim;

namespace VideoPipe.Training.Tests;

/// <summary>Optimizer updates, clipping, schedules and EMA against values computed by hand.</summary>
public sealed class OptimizerTests
{
    private static Tensor Parameter(params double[] values)
    {
        using var mode = GradMode.NoGrad();
        var p = Tensor.FromArray(values, values.Length).Clone();
        p.RequiresGrad = true;
        return p;
    }

    private static void SetGrad(Tensor p, params double[] values)
    {
        using var mode = GradMode.NoGrad();
        p.Grad = Tensor.FromArray(values, values.Length).Clone();
    }

    [Fact]
    public void SgdMomentumFollowsTorch()
    {
        using var scope = DisposeScope.Enter();
        var p = Parameter(1.0);
        using var sgd = new Sgd([new ParameterGroup([p])], learningRate: 0.1, momentum: 0.9);
        SetGrad(p, 1.0);
        sgd.Step();
        Assert.Equal(0.9, p.Item(), 12);
        SetGrad(p, 1.0);
        sgd.Step();
        Assert.Equal(0.9 - 0.1 * 1.9, p.Item(), 12);
    }

    [Fact]
    public void AdamWDecaysWeightsApartFromTheGradient()
    {
        using var scope = DisposeScope.Enter();
        var decayed = Parameter(2.0);
        var plain = Parameter(2.0);
        using var adamw = new AdamW([new ParameterGroup([decayed]), new ParameterGroup([plain]) { WeightDecay = 0 }], learningRate: 0.1, weightDecay: 0.5);
        SetGrad(decayed, 0.0);
        SetGrad(plain, 0.0);
        adamw.Step();
        Assert.Equal(2.0 * (1 - 0.1 * 0.5), decayed.Item(), 12);
        Assert.Equal(2.0, plain.Item(), 12);
    }

    [Fact]
    public void AdamFirstStepMovesByTheLearningRate()
    {
        using var scope = DisposeScope.Enter();
        var p = Parameter(1.0, 1.0);
        using var adam = new Adam([new ParameterGroup([p])], learningRate: 0.01, eps: 0);
        SetGrad(p, 3.0, -0.5);
        adam.Step();
        var values = p.ToArray<double>();
        Assert.Equal(0.99, values[0], 12);
        Assert.Equal(1.01, values[1], 12);
    }

    [Fact]
    public void ParametersWithoutGradientsAreSkipped()
    {
        using var scope = DisposeScope.Enter();
        var p = Parameter(1.0);
        using var adam = new AdamW([new ParameterGroup([p])], learningRate: 0.1);
        adam.Step();
        Assert.Equal(1.0, p.Item());
    }

    [Fact]
    public void ClipGradNormScalesToTheMaximumAndReturnsTheNormBefore()
    {
        using var scope = DisposeScope.Enter();
        var a = Parameter(0.0);
        var b = Parameter(0.0);
        SetGrad(a, 3.0);
        SetGrad(b, 4.0);
        Assert.Equal(5.0, GradientClipping.ClipGradNorm([a, b], 1.0), 12);
        Assert.Equal(3.0 / (5 + 1e-6), a.Grad!.Item(), 12);
        Assert.Equal(4.0 / (5 + 1e-6), b.Grad!.Item(), 12);
        Assert.Equal(5.0 / (5 + 1e-6), GradientClipping.ClipGradNorm([a, b], 10.0), 12);
        Assert.Equal(3.0 / (5 + 1e-6), a.Grad!.Item(), 12);
    }

    [Fact]
    public void WarmupCosineRisesLinearlyThenDecaysToTheMinimum()
    {
        var schedule = new WarmupCosineSchedule(1.0, warmupSteps: 10, totalSteps: 110, minLearningRate: 0.1);
        Assert.Equal(0.1, schedule.At(1), 12);
        Assert.Equal(1.0, schedule.At(10), 12);
        Assert.Equal(0.55, schedule.At(60), 12);
        Assert.Equal(0.1, schedule.At(110), 12);
        Assert.Equal(0.1, schedule.At(500), 12);
        Assert.Throws<ArgumentException>(() => new WarmupCosineSchedule(1.0, 20, 10));
    }

    [Fact]
    public void EmaAveragesWithTheDecay()
    {
        using var scope = DisposeScope.Enter();
        var p = Parameter(0.0);
        using var ema = new ExponentialMovingAverage([("w", p)], decay: 0.75);
        using (GradMode.NoGrad())
        {
            p.CopyFrom(Tensor.FromArray(new[] { 4.0 }, 1));
        }

        ema.Update();
        Assert.Equal(1.0, ema.Averages["w"].Item(), 12);
    }

    [Fact]
    public void AResumedOptimizerTakesTheSameStepsBitForBit()
    {
        using var scope = DisposeScope.Enter();
        double[] Run(bool resume)
        {
            var p = Parameter(0.5, -1.5, 2.0);
            var optimizer = new AdamW([new ParameterGroup([p])], learningRate: 0.05, weightDecay: 0.1);
            for (var step = 1; step <= 4; step++)
            {
                if (resume && step == 3)
                {
                    var saved = optimizer.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.Clone());
                    var count = optimizer.StepCount;
                    optimizer.Dispose();
                    optimizer = new AdamW([new ParameterGroup([p])], learningRate: 0.05, weightDecay: 0.1);
                    optimizer.LoadStateDict(saved, count);
                }

                SetGrad(p, 0.3 * step, -0.2, 1.0 / step);
                optimizer.Step();
            }

            optimizer.Dispose();
            return p.ToArray<double>();
        }

        Assert.Equal(Run(resume: false), Run(resume: true));
    }
}
