using Microsoft.Extensions.Options;

namespace VideoPipe.Jobs.Training;

/// <summary>Checks a whole <see cref="TrainingOptions"/> at once; every failure names its JSON path and the reason.</summary>
public sealed class TrainingOptionsValidator : IValidateOptions<TrainingOptions>
{
    private static readonly string[] Optimizers = ["adamw", "adam", "sgd"];
    private static readonly string[] Schedules = ["constant", "warmup_cosine"];
    private static readonly string[] Crops = ["random", "center"];

    public ValidateOptionsResult Validate(string? name, TrainingOptions options)
    {
        var errors = Errors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static List<string> Errors(TrainingOptions o)
    {
        var errors = new List<string>();
        void Check(bool ok, string path, string reason)
        {
            if (!ok)
            {
                errors.Add($"{path}: {reason}");
            }
        }

        Check(!string.IsNullOrWhiteSpace(o.Model.Family), "model.family", "is required");
        Check(o.Model.Config is null || o.Model.Config.Value.ValueKind == System.Text.Json.JsonValueKind.Object, "model.config", "must be an object (the family's upstream config)");
        Check(o.Model.Weights is null || File.Exists(o.Model.Weights) || Directory.Exists(o.Model.Weights), "model.weights", $"'{o.Model.Weights}' does not exist");
        Check(o.Model.InitFrom is null || o.Model.Weights is null, "model.init_from", "starts from an image model; it cannot be combined with model.weights");
        Check(o.Model.InitFrom is null || File.Exists(ExportedWeights.Resolve(o.Model.InitFrom)), "model.init_from", $"'{o.Model.InitFrom}' is neither a safetensors file nor a folder holding {TrainingExport.WeightsFileName}");
        Check(o.Model.InitMode is "tail" or "average", "model.init_mode", $"must be \"tail\" or \"average\", got \"{o.Model.InitMode}\"");
        Check(o.Model.GrowFrom is null || (o.Model.Weights is null && o.Model.InitFrom is null), "model.grow_from", "starts from a smaller model; it cannot be combined with model.weights or model.init_from");
        Check(o.Model.GrowFrom is null || File.Exists(ExportedWeights.Resolve(o.Model.GrowFrom)), "model.grow_from", $"'{o.Model.GrowFrom}' is neither a safetensors file nor a folder holding {TrainingExport.WeightsFileName}");

        var data = o.Data;
        Check(data.Source is DataOptions.Synthetic or DataOptions.Videos, "data.source", $"must be '{DataOptions.Synthetic}' or '{DataOptions.Videos}'");
        if (data.Source == DataOptions.Videos)
        {
            Check(data.Folders.Count + data.Manifests.Count > 0, "data", "a 'videos' source needs folders or manifests");
            for (var i = 0; i < data.Folders.Count; i++)
            {
                Check(Directory.Exists(data.Folders[i]), $"data.folders[{i}]", $"folder '{data.Folders[i]}' does not exist");
            }

            for (var i = 0; i < data.Manifests.Count; i++)
            {
                Check(File.Exists(data.Manifests[i]), $"data.manifests[{i}]", $"manifest '{data.Manifests[i]}' does not exist");
            }
        }

        Check(data.Frames >= 1, "data.frames", "must be >= 1");
        Check(data.Size >= 8, "data.size", "must be >= 8");
        Check(data.CacheMb >= 0, "data.cache_mb", "must be >= 0 (0 turns the cache off)");
        Check(data.ShorterSide is null || data.ShorterSide >= data.Size, "data.shorter_side", $"must be at least data.size ({data.Size}) or null");
        Check(Crops.Contains(data.Crop), "data.crop", "must be 'random' or 'center'");
        Check(data.FrameStrides.Count > 0, "data.frame_strides", "must list at least one stride");
        for (var i = 0; i < data.FrameStrides.Count; i++)
        {
            Check(data.FrameStrides[i] >= 1, $"data.frame_strides[{i}]", "must be >= 1");
        }

        Check(data.Prefetch >= 1, "data.prefetch", "must be >= 1");

        var losses = o.Losses;
        foreach (var (key, weight) in new[] { ("l1", losses.L1), ("mse", losses.Mse), ("kl", losses.Kl), ("ssim", losses.Ssim), ("high_frequency", losses.HighFrequency) })
        {
            Check(weight >= 0 && double.IsFinite(weight), $"losses.{key}", "must be a finite number >= 0");
        }

        Check(losses.HighFrequencyLevels >= 1, "losses.high_frequency_levels", "must be >= 1");
        if (losses.Adversarial is { } adversarial)
        {
            Check(adversarial.Weight > 0 && double.IsFinite(adversarial.Weight), "losses.adversarial.weight", "must be > 0");
            Check(adversarial.StartStep >= 0, "losses.adversarial.start_step", "must be >= 0");
            Check(adversarial.Channels >= 1, "losses.adversarial.channels", "must be >= 1");
            Check(adversarial.Layers >= 1, "losses.adversarial.layers", "must be >= 1");
            Check(adversarial.Lr > 0 && double.IsFinite(adversarial.Lr), "losses.adversarial.lr", "must be > 0");
        }

        var optimizer = o.Optimizer;
        Check(Optimizers.Contains(optimizer.Type), "optimizer.type", "must be 'adamw', 'adam' or 'sgd'");
        Check(optimizer.Lr > 0 && double.IsFinite(optimizer.Lr), "optimizer.lr", "must be > 0");
        Check(optimizer.Betas.Count == 2 && optimizer.Betas.All(b => b is >= 0 and < 1), "optimizer.betas", "must be two numbers in [0, 1)");
        Check(optimizer.Eps > 0, "optimizer.eps", "must be > 0");
        Check(optimizer.WeightDecay >= 0, "optimizer.weight_decay", "must be >= 0");
        Check(optimizer.Momentum is >= 0 and < 1, "optimizer.momentum", "must be in [0, 1)");

        Check(o.MaxGradNorm is null || o.MaxGradNorm > 0, "max_grad_norm", "must be > 0 (or null for no clipping)");
        Check(Schedules.Contains(o.Schedule.Type), "schedule.type", "must be 'constant' or 'warmup_cosine'");
        Check(o.Schedule.WarmupSteps >= 0 && o.Schedule.WarmupSteps <= o.Steps, "schedule.warmup_steps", "must be in [0, steps]");
        Check(o.Schedule.MinLr >= 0 && o.Schedule.MinLr <= optimizer.Lr, "schedule.min_lr", "must be in [0, optimizer.lr]");
        Check(o.Posterior is "sample" or "mean", "posterior", $"must be \"sample\" or \"mean\", got \"{o.Posterior}\"");
        Check(o.Autocast is null or "bfloat16", "autocast", $"must be \"bfloat16\" (or null for float32 training), got \"{o.Autocast}\"");
        Check(o.EmaDecay is null || o.EmaDecay is > 0 and < 1, "ema_decay", "must be in (0, 1) (or null for no EMA)");
        Check(o.BatchSize >= 1, "batch_size", "must be >= 1");
        Check(o.GradientAccumulation >= 1, "gradient_accumulation", "must be >= 1");
        Check(o.Steps >= 1, "steps", "must be >= 1");
        Check(o.TimeBudgetSeconds is null || o.TimeBudgetSeconds > 0, "time_budget_seconds", "must be > 0 (or null)");
        Check(o.Eval.Every >= 0, "eval.every", "must be >= 0 (0 turns evaluation off)");
        Check(o.Eval.Clips >= 1, "eval.clips", "must be >= 1");
        for (var i = 0; i < o.Eval.Folders.Count; i++)
        {
            Check(Directory.Exists(o.Eval.Folders[i]), $"eval.folders[{i}]", $"folder '{o.Eval.Folders[i]}' does not exist");
        }
        Check(o.CheckpointEvery >= 1, "checkpoint_every", "must be >= 1");
        Check(o.KeepCheckpoints >= 1, "keep_checkpoints", "must be >= 1");
        Check(o.Threads >= 1, "threads", "must be >= 1");
        Check(o.MaxBadSteps >= 1, "max_bad_steps", "must be >= 1");
        return errors;
    }
}
