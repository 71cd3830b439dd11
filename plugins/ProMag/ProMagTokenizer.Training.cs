using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.Sdk;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.ProMag;

/// <summary>
/// Training: the base (Stage I) trains whole, or all but its image-initialised encoder (freeze_image_encoder); a grown
/// model with freeze_base trains only its newest stage (Stages II and III: the frozen trunk runs without autograd, the
/// frozen decoder path passes gradients through to the new upsampling). The forward returns the reconstruction and the
/// posterior; the trainer adds L1, KL and the rest.
/// </summary>
public sealed partial class ProMagTokenizer : ITrainableTokenizer, IGrowableTokenizer, IInflatableTokenizer
{
    private const string EncoderPrefix = "encoder.";

    public JsonElement Config => JsonDocument.Parse(Model.Config.ToJson()).RootElement.Clone();

    /// <summary>True when only the newest growth stage trains.</summary>
    public bool FreezesBase => Model.Config.FreezeBase && Model.GrowthStages > 0;

    /// <summary>True when Stage I keeps its encoder frozen (the spec's FrozenImageEncoder).</summary>
    public bool FreezesImageEncoder => Model.Config.FreezeImageEncoder && Model.GrowthStages == 0;

    private string TrainedPrefix => $"growth.{Model.GrowthStages - 1}.";

    /// <summary>Trunk levels that run without autograd in the training forward.</summary>
    private int FrozenLevels => FreezesBase ? Model.GrowthStages : FreezesImageEncoder ? 1 : 0;

    public IReadOnlyList<TrainableParameter> Parameters()
    {
        // the decoder's adaptive norm starts as the identity (zero modulation) whatever seeds the rest
        var all = TrainableParameters.Of(Model)
            .Select(p => p.Name.Contains(".modulation.", StringComparison.Ordinal) ? p with { KeepsItsInitialization = true } : p)
            .ToList();
        return FreezesBase ? [.. all.Where(p => p.Name.StartsWith(TrainedPrefix, StringComparison.Ordinal))]
            : FreezesImageEncoder ? [.. all.Where(p => !p.Name.StartsWith(EncoderPrefix, StringComparison.Ordinal))]
            : all;
    }

    public void SetTraining(bool training)
    {
        TrainableParameters.SetTraining(Model, training);
        if (training && FreezesBase)
        {
            Model.SetRequiresGrad(false);
            Model.Train(false);
            TrainableParameters.SetTraining(Model.TopStage!, true); // FreezesBase: there is a top stage
        }
        else if (training && FreezesImageEncoder)
        {
            Model.Encoder.SetRequiresGrad(false);
            Model.Encoder.Train(false);
        }
    }

    public TrainingForward Forward(Tensor video, TrainingForwardOptions options)
    {
        CheckVideo(video);
        using var device = deviceContext.Enter();
        using var scope = DisposeScope.Enter();
        // inference tensors cannot be saved for backward: the clip becomes a normal tensor
        var x = video.IsInference ? video.To(DType, Device).Clone() : video.To(DType, Device);
        var (mean, logVar) = Model.SplitMoments(Model.Moments(x, FrozenLevels));
        var z = options.SamplePosterior ? GaussianPosterior.Sample(mean, logVar, GaussianPosterior.Noise(mean, options)) : mean;
        return new TrainingForward
        {
            Reconstruction = scope.Keep(Model.Decode(z)),
            PosteriorMean = scope.Keep(mean),
            PosteriorLogVar = scope.Keep(logVar),
        };
    }

    IReadOnlyDictionary<string, Tensor> ITrainableTokenizer.StateDict() => Model.StateDict();

    /// <summary>Stage I from an image model of the same layout (the spec's ImageInit; <see cref="Loading.ProMagInflation"/>).</summary>
    public InflationReport InflateFrom(IReadOnlyDictionary<string, Tensor> imageWeights, InflationMode mode) =>
        Loading.ProMagInflation.Apply(Model, imageWeights, mode);

    public GrowthReport GrowFrom(IReadOnlyDictionary<string, Tensor> smallerWeights, JsonElement? smallerConfig)
    {
        if (Model.TopStage is null)
        {
            throw new ArgumentException("a 4x ProMAG is the base: it does not grow from a smaller model (train it from a seed or from weights)");
        }

        var expected = Model.Config.Smaller();
        if (smallerConfig is { } json)
        {
            var given = ProMagConfig.FromJson(json);
            if (Comparable(given) != Comparable(expected))
            {
                throw new ArgumentException($"ProMAG growth: the smaller model's config does not match this model one stage smaller (expected {Comparable(expected)}, got {Comparable(given)})");
            }
        }

        var own = Model.StateDict();
        var newStage = own.Keys.Where(k => k.StartsWith(TrainedPrefix, StringComparison.Ordinal)).ToList();
        var offered = smallerWeights.Keys.Where(k => k.StartsWith(TrainedPrefix, StringComparison.Ordinal)).ToList();
        if (offered.Count > 0)
        {
            throw new ArgumentException($"ProMAG growth: the weights are not a {expected.TemporalRatio}x ProMAG of this layout: they already hold the new stage ({string.Join(", ", offered.Take(5))})");
        }

        // the smaller model's weights plus the new stage's own tensors make a full state dict; the strict load checks
        // that nothing is missing, unexpected or mis-shaped
        var grown = new Dictionary<string, Tensor>(smallerWeights, StringComparer.Ordinal);
        foreach (var key in newStage)
        {
            grown[key] = own[key];
        }

        // trainable parameters are written without autograd; fresh (inference) ones in inference mode
        using (own.Values.First().IsInference ? null : GradMode.NoGrad())
        {
            try
            {
                Model.LoadStateDict(grown);
            }
            catch (StateDictMismatchException e)
            {
                throw new ArgumentException($"ProMAG growth: the weights are not a {expected.TemporalRatio}x ProMAG of this layout: {e.Message}", e);
            }

            Model.InitializeTopStage();
        }

        return new GrowthReport([.. own.Keys.Except(newStage)], newStage);
    }

    /// <summary>
    /// The architecture of a config as JSON, without what does not change the weights' meaning: the variant name,
    /// freezing, and for a 4x base the growth settings it does not use.
    /// </summary>
    private static string Comparable(ProMagConfig config)
    {
        var normalized = config with { Variant = "", FreezeBase = true, FreezeImageEncoder = false };
        var defaults = new ProMagConfig();
        if (config.GrowthFactors.Count == 0)
        {
            normalized = normalized with { GrowthMode = defaults.GrowthMode, MixModulation = defaults.MixModulation, GrowthResBlocks = defaults.GrowthResBlocks };
        }

        return normalized.ToJson();
    }
}
