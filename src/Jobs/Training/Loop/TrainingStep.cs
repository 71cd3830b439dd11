using VideoPipe.Abstractions;
using VideoPipe.Torch;
using VideoPipe.Torch.Optim;

namespace VideoPipe.Jobs.Training;

/// <summary>
/// One optimizer step: every micro-batch's forward, losses and backward (gradients add up, each loss divided by the
/// number of micro-batches), then clipping, the update, the EMA and the discriminator's own step. A non-finite
/// loss discards the gradients and leaves every weight untouched.
/// </summary>
public static class TrainingStep
{
    public static TrainingStepResult Run(TrainingModel model, AdversarialTraining? adversarial, TrainingOptions options, BatchPrefetcher prefetcher, long step)
    {
        var learningRate = model.Schedule.At(step);
        model.Optimizer.LearningRate = learningRate;
        model.Optimizer.ZeroGrad();
        var accumulation = options.GradientAccumulation;
        var adversarialActive = adversarial?.ActiveAt(step) == true;
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        var pairs = new List<(Tensor Real, Tensor Fake)>();
        var finite = true;
        try
        {
            for (var micro = 0; micro < accumulation; micro++)
            {
                var batch = prefetcher.Next();
                if (batch.Step != step || batch.Micro != micro)
                {
                    throw new InvalidOperationException($"prefetch out of order: expected step {step} micro-batch {micro}, got {batch.Step}/{batch.Micro}");
                }

                finite &= Micro(model, adversarialActive ? adversarial : null, options, batch, sums, pairs);
            }

            if (!finite)
            {
                model.Optimizer.ZeroGrad();
                return new TrainingStepResult(false, Averaged(sums, accumulation), learningRate, double.NaN);
            }

            var norm = options.MaxGradNorm is { } maxNorm
                ? GradientClipping.ClipGradNorm(model.Parameters.Select(p => p.Value), maxNorm)
                : double.NaN;
            model.Optimizer.Step();
            model.Ema?.Update();
            model.Optimizer.ZeroGrad();
            if (adversarialActive)
            {
                sums["discriminator"] = DiscriminatorStep(adversarial!, pairs, accumulation) * accumulation;
            }

            return new TrainingStepResult(true, Averaged(sums, accumulation), learningRate, norm);
        }
        finally
        {
            foreach (var (real, fake) in pairs)
            {
                real.Dispose();
                fake.Dispose();
            }
        }
    }

    private static bool Micro(TrainingModel model, AdversarialTraining? adversarial, TrainingOptions options, TrainingBatch batch, Dictionary<string, double> sums, List<(Tensor, Tensor)> pairs)
    {
        using var mode = GradMode.Enable();
        using var scope = DisposeScope.Enter();
        Tensor video;
        using (GradMode.NoGrad())
        {
            video = Tensor.FromArray(batch.Values, batch.Shape);
        }

        using var generator = new Generator(StepSeeds.For(options.Seed, StepSeeds.Posterior, batch.Step, batch.Micro));
        using var forward = MixedPrecision.Forward(options.Autocast, () => model.Tokenizer.Forward(video, new TrainingForwardOptions { Generator = generator, SamplePosterior = options.Posterior == "sample" }));
        var (terms, reconstruction) = ReconstructionLosses.Compute(options.Losses, forward, video);
        if (adversarial is not null)
        {
            terms["adversarial"] = adversarial.GeneratorTerm(forward.Reconstruction!, reconstruction!);
        }

        var total = terms.Values.Aggregate((a, b) => a + b);
        var values = terms.ToDictionary(t => t.Key, t => t.Value.Item(), StringComparer.Ordinal);
        values["loss"] = total.Item();
        foreach (var (name, value) in values)
        {
            sums[name] = sums.GetValueOrDefault(name) + value;
        }

        if (!double.IsFinite(values["loss"]))
        {
            return false;
        }

        (total / options.GradientAccumulation).Backward();
        if (adversarial is not null)
        {
            pairs.Add((DisposeScope.Detach(video.Detach()), DisposeScope.Detach(forward.Reconstruction!.Detach())));
        }

        return true;
    }

    private static double DiscriminatorStep(AdversarialTraining adversarial, List<(Tensor Real, Tensor Fake)> pairs, int accumulation)
    {
        adversarial.Optimizer.ZeroGrad();
        var sum = pairs.Sum(p => adversarial.AccumulateDiscriminator(p.Real, p.Fake, 1.0 / accumulation));
        adversarial.Optimizer.Step();
        adversarial.Optimizer.ZeroGrad();
        return sum / accumulation;
    }

    private static Dictionary<string, double> Averaged(Dictionary<string, double> sums, int count) =>
        sums.ToDictionary(kv => kv.Key, kv => kv.Value / count, StringComparer.Ordinal);
}
