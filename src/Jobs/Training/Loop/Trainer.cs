using System.Diagnostics;
using Microsoft.Extensions.Logging;
using VideoPipe.Abstractions;
using VideoPipe.Torch;
using VideoPipe.Torch.Checkpoints;
using VideoPipe.Torch.Optim;

namespace VideoPipe.Jobs.Training;

/// <summary>
/// Runs (or resumes) a training run in a run directory: micro-batches with gradient accumulation, clipping, the
/// optimizer and EMA, the optional discriminator, evaluation, metrics, checkpoints. Synchronous on purpose: the
/// autograd mode and dispose scopes belong to the calling thread.
/// </summary>
public sealed class Trainer(ITokenizerFamily family, TrainingOptions options, TrainingRunDirectory run, ILogger logger)
{
    private readonly MetricsLog metrics = new(run.MetricsPath);

    /// <summary>Called after every finished step (tests use it to interrupt a run as a crash would).</summary>
    public Action<long>? AfterStep { get; init; }

    public TrainingOutcome Run(bool resume, CancellationToken stopping)
    {
        TorchRuntime.EnsureInitialized();
        TorchRuntime.SetThreads(options.Threads);
        Directory.CreateDirectory(run.Root);
        using var model = TrainingModel.Create(family, options);
        using var adversarial = options.Losses.Adversarial is { } a ? new AdversarialTraining(a, options.Seed, model.Parameters) : null;
        if (!resume && model.Report is { } report)
        {
            logger.LogInformation("Initialized from the image model {Image} ({Mode}): {Copied} tensors copied, {Inflated} inflated, {Kept} kept their init{KeptNames}",
                options.Model.InitFrom, options.Model.InitMode, report.Copied.Count, report.Inflated.Count, report.Kept.Count,
                report.Kept.Count == 0 ? "" : ": " + string.Join(", ", report.Kept));
        }

        if (!resume && model.Growth is { } growth)
        {
            logger.LogInformation("Grown from the smaller model {Smaller}: {Loaded} tensors loaded, {Initialized} in the new stage initialized; training {Trainable} tensors",
                options.Model.GrowFrom, growth.Loaded.Count, growth.Initialized.Count, model.Parameters.Count);
        }

        var state = resume ? Restore(model, adversarial) : Fresh(model);
        var quarantine = new QuarantineLog(run.QuarantinePath);
        IClipSource source = options.Data.Source == DataOptions.Videos
            ? new VideoClipSource(options.Data, options.Eval, quarantine, logger)
            : new SyntheticClipSource(options.Data, options.Seed);
        var evaluator = new ReconstructionEvaluator(source, options);
        var prefetcher = new BatchPrefetcher(source, options, state.Step + 1);
        try
        {
            return Loop(model, adversarial, evaluator, prefetcher, state, stopping);
        }
        finally
        {
            prefetcher.DisposeAsync().AsTask().GetAwaiter().GetResult();
            TrainingCurves.TryWrite(run, metrics, logger);
        }
    }

    private TrainingCheckpointState Fresh(TrainingModel model)
    {
        File.Delete(run.MetricsPath);
        logger.LogInformation("Training {Family} ({Parameters} parameters) for {Steps} steps in {RunDir}", family.Family, model.Parameters.Sum(p => p.Value.Numel), options.Steps, run.Root);
        return new TrainingCheckpointState { Step = 0, OptimizerSteps = 0, Seed = options.Seed, Family = family.Family, ModelConfig = model.Tokenizer.Config };
    }

    private TrainingCheckpointState Restore(TrainingModel model, AdversarialTraining? adversarial)
    {
        var (step, path) = run.LatestCheckpoint() ?? throw new TrainingConfigException([$"run directory {run.Root} holds no checkpoint to resume from"]);
        var state = TrainingCheckpoint.ReadState(path);
        var all = Safetensors.Load(path);
        try
        {
            using (GradMode.NoGrad())
            {
                var weights = TrainingCheckpoint.Section(all, TrainingCheckpoint.Model);
                foreach (var (name, tensor) in model.Tokenizer.StateDict())
                {
                    tensor.CopyFrom(weights.TryGetValue(name, out var saved) ? saved : throw new InvalidDataException($"{path}: no weights for '{name}'"));
                }
            }

            model.Optimizer.LoadStateDict(TrainingCheckpoint.Section(all, TrainingCheckpoint.Optimizer), state.OptimizerSteps);
            model.Ema?.Load(TrainingCheckpoint.Section(all, TrainingCheckpoint.Ema));
            adversarial?.Load(TrainingCheckpoint.Section(all, TrainingCheckpoint.Discriminator), TrainingCheckpoint.Section(all, TrainingCheckpoint.DiscriminatorOptimizer), state.DiscriminatorSteps);
        }
        finally
        {
            foreach (var t in all.Values)
            {
                t.Dispose();
            }
        }

        metrics.TruncateAfter(step);
        logger.LogInformation("Resuming {RunDir} from step {Step} of {Steps}", run.Root, step, options.Steps);
        return state;
    }

    private TrainingOutcome Loop(TrainingModel model, AdversarialTraining? adversarial, ReconstructionEvaluator evaluator, BatchPrefetcher prefetcher, TrainingCheckpointState state, CancellationToken stopping)
    {
        var clock = Stopwatch.StartNew();
        var (firstStep, elapsedBefore) = (state.Step + 1, state.ElapsedSeconds);
        var progress = new TrainingProgress(options.Steps, firstStep);
        for (var step = firstStep; step <= options.Steps; step++)
        {
            var result = TrainingStep.Run(model, adversarial, options, prefetcher, step);
            if (!result.Finite)
            {
                state = state with { Step = step, BadStepsInARow = state.BadStepsInARow + 1 };
                logger.LogWarning("Step {Step}: non-finite loss ({Terms}); step skipped ({Bad} in a row)", step, TrainingProgress.Format(result.Terms), state.BadStepsInARow);
                if (state.BadStepsInARow >= options.MaxBadSteps)
                {
                    logger.LogError("{Bad} non-finite losses in a row: stopping; the last good checkpoint is kept", state.BadStepsInARow);
                    return TrainingOutcome.Diverged;
                }

                continue;
            }

            var elapsed = elapsedBefore + clock.Elapsed.TotalSeconds;
            state = state with
            {
                Step = step,
                OptimizerSteps = model.Optimizer.StepCount,
                DiscriminatorSteps = adversarial?.Optimizer.StepCount ?? 0,
                BadStepsInARow = 0,
                ElapsedSeconds = elapsed,
            };
            var row = new Dictionary<string, double>(result.Terms) { ["lr"] = result.LearningRate, ["grad_norm"] = result.GradientNorm, ["seconds"] = elapsed };
            if (options.Eval.Every > 0 && (step % options.Eval.Every == 0 || step == options.Steps))
            {
                var (psnr, ssim) = evaluator.Evaluate(model.Tokenizer, stopping);
                (row["eval_psnr"], row["eval_ssim"]) = (psnr, ssim);
            }

            metrics.Append(step, row);
            logger.LogInformation("{Progress}", progress.Line(step, row));
            var outOfTime = options.TimeBudgetSeconds is { } budget && elapsed >= budget;
            if (step % options.CheckpointEvery == 0 || step == options.Steps || outOfTime || stopping.IsCancellationRequested)
            {
                Checkpoint(model, adversarial, state);
            }

            AfterStep?.Invoke(step);
            if (stopping.IsCancellationRequested)
            {
                logger.LogWarning("Stopped at step {Step} with a checkpoint; continue with `videopipe train resume {RunDir}`", step, run.Root);
                return TrainingOutcome.Stopped;
            }

            if (outOfTime && step < options.Steps)
            {
                logger.LogWarning("Time budget of {Budget} s reached at step {Step}; checkpoint written", options.TimeBudgetSeconds, step);
                return TrainingOutcome.TimeBudgetReached;
            }
        }

        return TrainingOutcome.Completed;
    }

    private void Checkpoint(TrainingModel model, AdversarialTraining? adversarial, TrainingCheckpointState state)
    {
        var sections = new Dictionary<string, IReadOnlyDictionary<string, Tensor>>(StringComparer.Ordinal)
        {
            [TrainingCheckpoint.Model] = model.Tokenizer.StateDict(),
            [TrainingCheckpoint.Optimizer] = model.Optimizer.StateDict(),
        };
        if (model.Ema is { } ema)
        {
            sections[TrainingCheckpoint.Ema] = ema.Averages;
        }

        if (adversarial is not null)
        {
            sections[TrainingCheckpoint.Discriminator] = adversarial.StateDict();
            sections[TrainingCheckpoint.DiscriminatorOptimizer] = adversarial.Optimizer.StateDict();
        }

        TrainingCheckpoint.Save(run.CheckpointPath(state.Step), state, sections);
        foreach (var (_, old) in run.Checkpoints().SkipLast(options.KeepCheckpoints))
        {
            File.Delete(old);
        }
    }
}
