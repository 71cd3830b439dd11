using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.ProMag;

/// <summary>
/// Training: the base (Stage I) trains whole; a grown model with freeze_base trains only its newest stage (Stages II
/// and III: the frozen trunk runs without autograd, the frozen decoder path passes gradients through to the new
/// upsampling). The forward returns the reconstruction and the posterior; the trainer adds L1, KL and the rest.
/// </summary>
public sealed partial class ProMagTokenizer : ITrainableTokenizer, IGrowableTokenizer
{
    public JsonElement Config => JsonDocument.Parse(Model.Config.ToJson()).RootElement.Clone();

    /// <summary>True when only the newest growth stage trains.</summary>
    public bool FreezesBase => Model.Config.FreezeBase && Model.GrowthStages > 0;

    private string TrainedPrefix => $"growth.{Model.GrowthStages - 1}.";

    public IReadOnlyList<TrainableParameter> Parameters()
    {
        var all = TrainableParameters.Of(Model);
        return FreezesBase ? [.. all.Where(p => p.Name.StartsWith(TrainedPrefix, StringComparison.Ordinal))] : all;
    }

    public void SetTraining(bool training)
    {
        TrainableParameters.SetTraining(Model, training);
        if (training && FreezesBase)
        {
            Model.SetRequiresGrad(false);
            Model.Train(false);
            TrainableParameters.SetTraining(Model.TrainedPart, true);
        }
    }

    public TrainingForward Forward(Tensor video, TrainingForwardOptions options)
    {
        CheckVideo(video);
        using var device = deviceContext.Enter();
        using var scope = DisposeScope.Enter();
        // inference tensors cannot be saved for backward: the clip becomes a normal tensor
        var x = video.IsInference ? video.To(DType, Device).Clone() : video.To(DType, Device);
        var (mean, logVar) = Model.SplitMoments(Model.Moments(x, frozenWithoutGrad: FreezesBase));
        var z = options.SamplePosterior ? GaussianPosterior.Sample(mean, logVar, GaussianPosterior.Noise(mean, options)) : mean;
        return new TrainingForward
        {
            Reconstruction = scope.Keep(Model.Decode(z)),
            PosteriorMean = scope.Keep(mean),
            PosteriorLogVar = scope.Keep(logVar),
        };
    }

    IReadOnlyDictionary<string, Tensor> ITrainableTokenizer.StateDict() => Model.StateDict();

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
        var shared = own.Keys.Where(k => !k.StartsWith(TrainedPrefix, StringComparison.Ordinal)).ToList();
        var missing = shared.Where(k => !smallerWeights.ContainsKey(k)).ToList();
        var unexpected = smallerWeights.Keys.Where(k => !own.ContainsKey(k) || k.StartsWith(TrainedPrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        var misShaped = shared.Where(k => smallerWeights.TryGetValue(k, out var t) && !t.Shape.SequenceEqual(own[k].Shape)).ToList();
        if (missing.Count + unexpected.Count + misShaped.Count > 0)
        {
            throw new ArgumentException($"ProMAG growth: the weights are not a {expected.TemporalRatio}x ProMAG of this layout: "
                + string.Join("; ", new[] { ("missing", missing), ("unexpected", unexpected), ("mis-shaped", misShaped) }
                    .Where(p => p.Item2.Count > 0).Select(p => $"{p.Item2.Count} {p.Item1} ({string.Join(", ", p.Item2.Take(5))}{(p.Item2.Count > 5 ? ", …" : "")})")));
        }

        // trainable parameters are written without autograd; fresh (inference) ones in inference mode
        using (own.Values.First().IsInference ? null : GradMode.NoGrad())
        {
            foreach (var key in shared)
            {
                own[key].CopyFrom(smallerWeights[key]);
            }

            Model.InitializeTopStage();
        }

        return new GrowthReport(shared, [.. own.Keys.Where(k => k.StartsWith(TrainedPrefix, StringComparison.Ordinal))]);
    }

    /// <summary>
    /// The architecture of a config as JSON, without what does not change the weights' meaning: the variant name,
    /// freezing, and for a 4x base the growth settings it does not use.
    /// </summary>
    private static string Comparable(ProMagConfig config)
    {
        var normalized = config with { Variant = "", FreezeBase = true };
        var defaults = new ProMagConfig();
        if (config.GrowthFactors.Count == 0)
        {
            normalized = normalized with { GrowthMode = defaults.GrowthMode, MixModulation = defaults.MixModulation, GrowthResBlocks = defaults.GrowthResBlocks };
        }

        return normalized.ToJson();
    }
}
