using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.Sdk;
using VideoPipe.Plugins.IvVae.Streaming;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae;

/// <summary>
/// Training: the whole clip through upstream's call pattern in grad mode (frame 0, then every 4-frame group), the
/// posterior sample scaled as encode scales it (scale·(z − shift)), and decoded back through the same unscaling.
/// </summary>
public sealed partial class IvVaeTokenizer
{
    JsonElement ITrainableTokenizer.Config => JsonDocument.Parse(Config.ToJson()).RootElement.Clone();

    public IReadOnlyList<TrainableParameter> Parameters() => TrainableParameters.Of(model);

    public void SetTraining(bool training) => TrainableParameters.SetTraining(model, training);

    public TrainingForward Forward(Tensor video, TrainingForwardOptions options)
    {
        using var device = DeviceContext.Enter();
        using var scope = DisposeScope.Enter();
        // inference tensors cannot be saved for backward: the clip becomes a normal tensor
        var x = video.IsInference ? video.To(Device).Clone() : video.To(Device);
        var groups = (int)Math.Max(1, x.Size(2) / IvVae.Model.IvVaeModel.FramesPerGroup);
        using var encoder = new EncoderStream(model, DType, groups);
        var posterior = encoder.Push(x) ?? throw new ArgumentException("ivvae training needs at least one frame");
        encoder.Complete();
        var (mean, logVar) = (posterior.Mean, posterior.LogVar);
        var z = options.SamplePosterior ? GaussianPosterior.Sample(mean, logVar, GaussianPosterior.Noise(mean, options)) : mean;
        var latent = LatentScale.Apply(z, Card.Scaling);
        using var decoder = new DecoderStream(model, DType, (int)latent.Size(2));
        var reconstruction = decoder.Push(LatentScale.Remove(latent, Card.Scaling))!;
        return new TrainingForward
        {
            Reconstruction = scope.Keep(reconstruction),
            PosteriorMean = scope.Keep(mean),
            PosteriorLogVar = scope.Keep(logVar),
        };
    }

    IReadOnlyDictionary<string, Tensor> ITrainableTokenizer.StateDict() => model.StateDict();
}
