using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.Sdk;
using VideoPipe.Plugins.OdVae.Loading;
using VideoPipe.Plugins.OdVae.Model;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae;

/// <summary>Training: upstream CausalVAEModel.forward (encode, posterior sample, decode), untiled, in grad mode.</summary>
public sealed partial class OdVaeTokenizer
{
    public JsonElement Config => JsonDocument.Parse(Model.Config.ToJson()).RootElement.Clone();

    public IReadOnlyList<TrainableParameter> Parameters() => TrainableParameters.Of(Model);

    public void SetTraining(bool training) => TrainableParameters.SetTraining(Model, training);

    public TrainingForward Forward(Tensor video, TrainingForwardOptions options)
    {
        using var device = context.Enter();
        using var scope = DisposeScope.Enter();
        // inference tensors cannot be saved for backward: the clip becomes a normal tensor
        var x = video.IsInference ? video.To(DType, Device).Clone() : video.To(DType, Device);
        var moments = Model.EncodeMoments(x);
        var mean = Posterior.Mean(moments);
        var logVar = Posterior.LogVar(moments);
        var z = options.SamplePosterior ? GaussianPosterior.Sample(mean, logVar, GaussianPosterior.Noise(mean, options)) : mean;
        var reconstruction = Model.Decode(z);
        return new TrainingForward
        {
            Reconstruction = scope.Keep(reconstruction),
            PosteriorMean = scope.Keep(mean),
            PosteriorLogVar = scope.Keep(logVar),
        };
    }

    IReadOnlyDictionary<string, Tensor> ITrainableTokenizer.StateDict() => Model.StateDict();

    /// <summary>Tail (or average) initialization from an image VAE of the same layout (<see cref="OdVaeInflation"/>).</summary>
    public InflationReport InflateFrom(IReadOnlyDictionary<string, Tensor> imageWeights, InflationMode mode) => OdVaeInflation.Apply(Model, imageWeights, mode);
}
