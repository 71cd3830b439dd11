using VideoPipe.Abstractions;
using VideoPipe.Torch;
using VideoPipe.Torch.Checkpoints;
using VideoPipe.Torch.Optim;

namespace VideoPipe.Jobs.Training;

/// <summary>The tokenizer being trained with its optimizer (weight-decay and no-decay groups), schedule and EMA.</summary>
public sealed class TrainingModel : IDisposable
{
    private TrainingModel(ITrainableTokenizer tokenizer, TrainingOptions options)
    {
        Tokenizer = tokenizer;
        tokenizer.SetTraining(true);
        Parameters = tokenizer.Parameters();
        Optimizer = CreateOptimizer(options.Optimizer, Parameters);
        Schedule = options.Schedule.Type == "warmup_cosine"
            ? new WarmupCosineSchedule(options.Optimizer.Lr, options.Schedule.WarmupSteps, options.Steps, options.Schedule.MinLr)
            : new ConstantSchedule(options.Optimizer.Lr);
        Ema = options.EmaDecay is { } decay ? new ExponentialMovingAverage(Parameters.Select(p => (p.Name, p.Value)), decay) : null;
    }

    public ITrainableTokenizer Tokenizer { get; }

    /// <summary>The trainable parameters (after SetTraining, which may replace the tensors).</summary>
    public IReadOnlyList<TrainableParameter> Parameters { get; }

    public Optimizer Optimizer { get; }

    public ILearningRateSchedule Schedule { get; }

    public ExponentialMovingAverage? Ema { get; }

    /// <summary>A generative decoder trains by its own loss and gives no reconstruction; every other family needs a pixel loss.</summary>
    private static void CheckLosses(ITokenizer tokenizer, LossOptions losses)
    {
        var pixel = losses.L1 + losses.Mse + losses.Ssim + losses.HighFrequency > 0;
        if (tokenizer.Card.GenerativeDecode && (pixel || losses.Adversarial is not null))
        {
            tokenizer.Dispose();
            throw new TrainingConfigException([
                $"losses: '{tokenizer.Card.Family}' decodes generatively and trains by its own loss (its training forward gives no reconstruction): set losses.l1, losses.mse, losses.ssim and losses.high_frequency to 0 and leave out losses.adversarial"]);
        }

        if (!tokenizer.Card.GenerativeDecode && !pixel)
        {
            tokenizer.Dispose();
            throw new TrainingConfigException(["losses: needs at least one reconstruction term (l1, mse, ssim or high_frequency) with weight > 0"]);
        }
    }

    /// <summary>Builds the model as train.json says: weights from a file, or random from model.init_seed.</summary>
    public static TrainingModel Create(ITokenizerFamily family, TrainingOptions options)
    {
        var model = options.Model;
        var tokenizer = family.Create(new TokenizerRequest
        {
            Preset = model.Preset,
            Config = model.Config,
            WeightsPath = model.Weights,
            RandomWeightsSeed = model.Weights is null ? model.InitSeed : null,
            DeviceContext = CpuDeviceContext.Instance,
        });
        if (tokenizer is not ITrainableTokenizer trainable)
        {
            tokenizer.Dispose();
            throw new TrainingConfigException([$"model.family: '{family.Family}' cannot train (its tokenizer does not implement ITrainableTokenizer)"]);
        }

        CheckLosses(tokenizer, options.Losses);
        var created = new TrainingModel(trainable, options);
        try
        {
            if (model.Weights is null)
            {
                created.InitializeFromSeed(model.InitSeed);
            }

            if (model.InitFrom is { } image)
            {
                created.InflateFrom(ExportedWeights.Resolve(image), model.InitMode == "average" ? InflationMode.Average : InflationMode.Tail);
            }

            if (model.GrowFrom is { } smaller)
            {
                created.GrowFrom(ExportedWeights.Resolve(smaller));
            }
        }
        catch
        {
            created.Dispose();
            throw;
        }

        // the moving average starts from the weights the run starts from
        created.Ema?.Load(created.Parameters.ToDictionary(p => p.Name, p => p.Value));
        return created;
    }

    /// <summary>
    /// Random init is PyTorch's module defaults (<see cref="DefaultInitialization"/>) from model.init_seed: the
    /// families' own random weights (N(0, 0.02²) for every tensor, made for benchmarks) barely train. Parameters the
    /// family marks <see cref="TrainableParameter.KeepsItsInitialization"/> keep the values they were built with.
    /// </summary>
    private void InitializeFromSeed(ulong seed)
    {
        using var generator = new Generator(seed);
        DefaultInitialization.Apply(Parameters.Where(p => !p.KeepsItsInitialization).Select(p => (p.Name, p.Value)).ToList(), generator);
    }

    /// <summary>Tail or average initialization from an image model (model.init_from).</summary>
    private void InflateFrom(string imageWeights, InflationMode mode)
    {
        if (Tokenizer is not IInflatableTokenizer inflatable)
        {
            throw new TrainingConfigException([$"model.init_from: family '{Tokenizer.Card.Family}' cannot start from an image model (its tokenizer does not implement IInflatableTokenizer)"]);
        }

        Report = WithWeights(imageWeights, weights => inflatable.InflateFrom(weights, mode));
        if (Report.Copied.Count + Report.Inflated.Count == 0)
        {
            throw new TrainingConfigException([$"model.init_from: no parameter of {imageWeights} fits the model (is it an image model of the same layout?)"]);
        }
    }

    /// <summary>Growth from a smaller model (model.grow_from), with the config.json beside its weights checked.</summary>
    private void GrowFrom(string smallerWeights)
    {
        if (Tokenizer is not IGrowableTokenizer growable)
        {
            throw new TrainingConfigException([$"model.grow_from: family '{Tokenizer.Card.Family}' cannot grow from a smaller model (its tokenizer does not implement IGrowableTokenizer)"]);
        }

        var config = CheckpointConfig.Read(smallerWeights);
        try
        {
            Growth = WithWeights(smallerWeights, weights => growable.GrowFrom(weights, config));
        }
        catch (ArgumentException e)
        {
            throw new TrainingConfigException([$"model.grow_from: {e.Message}"]);
        }
    }

    /// <summary>Runs <paramref name="use"/> on the tensors of a safetensors file, then frees them.</summary>
    private static T WithWeights<T>(string path, Func<IReadOnlyDictionary<string, Tensor>, T> use)
    {
        var weights = Safetensors.Load(path);
        try
        {
            return use(weights);
        }
        finally
        {
            foreach (var tensor in weights.Values)
            {
                tensor.Dispose();
            }
        }
    }

    /// <summary>What model.grow_from did, when it was set.</summary>
    public GrowthReport? Growth { get; private set; }

    /// <summary>What model.init_from did, when it was set.</summary>
    public InflationReport? Report { get; private set; }

    private static Optimizer CreateOptimizer(OptimizerOptions o, IReadOnlyList<TrainableParameter> parameters)
    {
        ParameterGroup[] groups =
        [
            new(parameters.Where(p => !p.NoWeightDecay).Select(p => p.Value).ToList()),
            new(parameters.Where(p => p.NoWeightDecay).Select(p => p.Value).ToList()) { WeightDecay = 0 },
        ];
        return o.Type switch
        {
            "adamw" => new AdamW(groups, o.Lr, o.Betas[0], o.Betas[1], o.Eps, o.WeightDecay),
            "adam" => new Adam(groups, o.Lr, o.Betas[0], o.Betas[1], o.Eps, o.WeightDecay),
            "sgd" => new Sgd(groups, o.Lr, o.Momentum, weightDecay: o.WeightDecay),
            _ => throw new TrainingConfigException([$"optimizer.type: unknown optimizer '{o.Type}'"]),
        };
    }

    public void Dispose()
    {
        Ema?.Dispose();
        Optimizer.Dispose();
        Tokenizer.Dispose();
    }
}
