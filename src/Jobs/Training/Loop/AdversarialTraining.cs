using VideoPipe.Abstractions;
using VideoPipe.Torch;
using VideoPipe.Torch.Losses;
using VideoPipe.Torch.Optim;

namespace VideoPipe.Jobs.Training;

/// <summary>
/// The optional GAN part of a run: a 3D patch discriminator with its own AdamW, the generator's hinge term weighted
/// adaptively at the decoder's last layer, and the discriminator's step on real clips and detached reconstructions.
/// </summary>
public sealed class AdversarialTraining : IDisposable
{
    private readonly AdversarialOptions options;

    public AdversarialTraining(AdversarialOptions options, ulong runSeed, IReadOnlyList<TrainableParameter> generatorParameters)
    {
        this.options = options;
        LastLayer = FindLastLayer(options.LastLayer, generatorParameters);
        Discriminator = new PatchDiscriminator3D(3, options.Channels, options.Layers);
        // parameters made in inference mode become normal tensors first: initialisation writes them in no-grad mode
        Discriminator.SetRequiresGrad();
        using (var generator = new Generator(StepSeeds.For(runSeed, StepSeeds.Discriminator, 0)))
        {
            Discriminator.Initialize(generator);
        }

        Discriminator.Train();
        var parameters = Discriminator.NamedParameters().Select(p => p.Slot.Value).ToList();
        Optimizer = new AdamW([new ParameterGroup(parameters)], options.Lr, 0.5, 0.9, weightDecay: 0.01);
    }

    public PatchDiscriminator3D Discriminator { get; }

    public Optimizer Optimizer { get; }

    /// <summary>The generator parameter whose gradient norms set the adaptive weight.</summary>
    public Tensor LastLayer { get; }

    public bool ActiveAt(long step) => step >= options.StartStep;

    /// <summary>The weighted generator term for a reconstruction (grad mode; graphs are kept for the backward).</summary>
    public Tensor GeneratorTerm(Tensor reconstruction, Tensor reconstructionLoss)
    {
        using var scope = DisposeScope.Enter();
        var generatorLoss = HingeAdversarialLoss.Generator(Discriminator.Forward(reconstruction));
        var weight = HingeAdversarialLoss.AdaptiveWeight(reconstructionLoss, generatorLoss, LastLayer) * options.Weight;
        return scope.Keep(generatorLoss * weight);
    }

    /// <summary>Accumulates the discriminator's hinge loss (scaled by <paramref name="scale"/>) for one micro-batch; returns it unscaled.</summary>
    public double AccumulateDiscriminator(Tensor real, Tensor fakeDetached, double scale)
    {
        using var mode = GradMode.Enable();
        using var scope = DisposeScope.Enter();
        var loss = HingeAdversarialLoss.Discriminator(Discriminator.Forward(real), Discriminator.Forward(fakeDetached));
        (loss * scale).Backward();
        return loss.Item();
    }

    public IReadOnlyDictionary<string, Tensor> StateDict() => Discriminator.StateDict();

    public void Load(IReadOnlyDictionary<string, Tensor> weights, IReadOnlyDictionary<string, Tensor> optimizerState, long optimizerSteps)
    {
        using (GradMode.NoGrad())
        {
            Discriminator.LoadStateDict(weights);
        }

        Optimizer.LoadStateDict(optimizerState, optimizerSteps);
    }

    /// <summary>The named parameter, else the last multi-dimensional decoder parameter (its output convolution).</summary>
    private static Tensor FindLastLayer(string? name, IReadOnlyList<TrainableParameter> parameters)
    {
        if (name is not null)
        {
            return parameters.FirstOrDefault(p => p.Name == name)?.Value
                ?? throw new TrainingConfigException([$"losses.adversarial.last_layer: the model has no parameter '{name}'"]);
        }

        return parameters.LastOrDefault(p => p.Name.StartsWith("decoder.", StringComparison.Ordinal) && p.Value.Dim > 1)?.Value
            ?? throw new TrainingConfigException(["losses.adversarial.last_layer: the model has no 'decoder.*' weight; name the layer"]);
    }

    public void Dispose()
    {
        Optimizer.Dispose();
        Discriminator.Dispose();
    }
}
