using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.Sdk;
using VideoPipe.Plugins.Template.Model;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Template;

/// <summary>
/// The template family as a tokenizer the host runs (encode/decode, posterior mean by default) and the one trainer
/// trains (ITrainableTokenizer: parameters, the training forward). Outputs are float32 whatever the compute dtype.
/// </summary>
public sealed class TemplateTokenizer : ITrainableTokenizer
{
    private readonly IDeviceContext deviceContext;

    public TemplateTokenizer(PatchAutoencoder model, IDeviceContext deviceContext, DType dtype)
    {
        Model = model;
        this.deviceContext = deviceContext;
        DType = dtype;
        Card = TemplateCard.For(model.Config);
    }

    public TokenizerCard Card { get; }

    public Device Device => deviceContext.Device;

    public DType DType { get; }

    public PatchAutoencoder Model { get; }

    public JsonElement Config => JsonDocument.Parse(Model.Config.ToJson()).RootElement.Clone();

    public void CheckSettings(IReadOnlyDictionary<string, string> settings) => TemplateCard.SettingKeys.Check(settings);

    public Tensor Encode(Tensor video, EncodeOptions options)
    {
        CheckVideo(video);
        CheckSettings(options.Settings);
        using var enter = deviceContext.Enter();
        using var scope = DisposeScope.Enter();
        using var generator = GaussianPosterior.EncodeGenerator(options);
        var moments = Model.Moments(video.To(DType, Device));
        var (mean, logVar) = Model.SplitMoments(moments);
        return scope.Keep(GaussianPosterior.Select(moments, mean, logVar, options.Posterior, generator));
    }

    public Tensor Decode(Tensor latents, DecodeOptions options)
    {
        var c = Model.Config.LatentChannels;
        if (latents.Dim != 5 || latents.Size(1) != c)
        {
            throw new ArgumentException($"template decodes latents (B, {c}, T, h, w), got [{string.Join(", ", latents.Shape)}]");
        }

        CheckSettings(options.Settings);

        using var enter = deviceContext.Enter();
        using var scope = DisposeScope.Enter();
        return scope.Keep(Model.Decode(latents.To(DType, Device)).To(DType.Float32, copy: true));
    }

    public IReadOnlyList<TrainableParameter> Parameters() => TrainableParameters.Of(Model);

    public void SetTraining(bool training) => TrainableParameters.SetTraining(Model, training);

    public TrainingForward Forward(Tensor video, TrainingForwardOptions options)
    {
        CheckVideo(video);
        using var enter = deviceContext.Enter();
        using var scope = DisposeScope.Enter();
        // inference tensors cannot be saved for backward: the clip becomes a normal tensor
        var x = video.IsInference ? video.To(DType, Device).Clone() : video.To(DType, Device);
        var (mean, logVar) = Model.SplitMoments(Model.Moments(x));
        var z = options.SamplePosterior ? GaussianPosterior.Sample(mean, logVar, GaussianPosterior.Noise(mean, options)) : mean;
        return new TrainingForward { Reconstruction = scope.Keep(Model.Decode(z)), PosteriorMean = scope.Keep(mean), PosteriorLogVar = scope.Keep(logVar) };
    }

    IReadOnlyDictionary<string, Tensor> ITrainableTokenizer.StateDict() => Model.StateDict();

    private void CheckVideo(Tensor video)
    {
        var p = Model.Config.PatchSize;
        if (video.Dim != 5 || video.Size(1) != 3 || video.Size(2) < 1 || video.Size(3) % p != 0 || video.Size(4) % p != 0)
        {
            throw new ArgumentException($"template encodes videos (B, 3, T, H, W) with H and W multiples of {p}, got [{string.Join(", ", video.Shape)}]");
        }
    }

    public void Dispose() => Model.Dispose();
}
