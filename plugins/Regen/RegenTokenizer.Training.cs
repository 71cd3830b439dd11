using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.Sdk;
using VideoPipe.Plugins.Regen.Diffusion;
using VideoPipe.Torch;
using VideoPipe.Torch.Losses;

namespace VideoPipe.Plugins.Regen;

/// <summary>
/// Training: encoder, C_e and DiT jointly with the denoising loss (FamilyLosses["diffusion"]). A clip of 1 + k·n
/// frames is cut into its n chunks (each starting on the previous chunk's last frame) which train as a batch; one
/// frame trains the image mode. The posterior is returned for the trainer's KL term. The deterministic decoder
/// (prediction "deterministic") instead returns its one-pass reconstruction for the trainer's pixel losses.
/// </summary>
public sealed partial class RegenTokenizer
{
    public const string DiffusionLoss = "diffusion";

    public JsonElement Config => JsonDocument.Parse(Model.Config.ToJson()).RootElement.Clone();

    public IReadOnlyList<TrainableParameter> Parameters() => TrainableParameters.Of(Model);

    public void SetTraining(bool training) => TrainableParameters.SetTraining(Model, training);

    public TrainingForward Forward(Tensor video, TrainingForwardOptions options)
    {
        CheckVideo(video);
        var deterministic = Model.Config.Prediction == Prediction.Deterministic;
        var generator = options.Generator;
        if (generator is null && !deterministic)
        {
            throw new ArgumentException("a REGEN training forward needs a seeded Generator (diffusion times and noise)");
        }

        if (!Card.FrameRule.Accepts(video.Size(2)))
        {
            throw new ArgumentException($"REGEN trains on 1 + {Model.Config.TemporalRatio}·n frames, got {video.Size(2)}");
        }

        using var device = deviceContext.Enter();
        using var scope = DisposeScope.Enter();
        // inference tensors cannot be saved for backward: the clip becomes a normal tensor
        var x = video.IsInference ? video.To(DType, Device).Clone() : video.To(DType, Device);
        var chunks = Chunks(x);
        var (mean, logVar) = Model.SplitMoments(Model.Encoder.Forward(chunks));
        var z = options.SamplePosterior && logVar is not null
            ? GaussianPosterior.Sample(mean, logVar, GaussianPosterior.Noise(mean, options))
            : mean;
        var frames = chunks.Size(2);
        var condition = Model.Condition(z, frames, chunks.Size(3), chunks.Size(4));
        var process = DiffusionProcesses.For(Model.Config);
        // the deterministic decoder draws nothing: its process ignores times and noise
        var times = generator is null ? Tensor.Zeros([chunks.Size(0)]) : process.SampleTimes(generator, chunks.Size(0));
        var noise = generator is null ? Tensor.Zeros(chunks.Shape, DType, Device) : Tensor.Randn(generator, chunks.Shape).To(DType, Device);
        using var example = process.Example(chunks, noise, times);
        var prediction = Model.Decoder.Forward(example.Noisy, example.TimeInput.To(DType), condition);
        return new TrainingForward
        {
            Reconstruction = deterministic ? scope.Keep(Joined(prediction, video.Size(0))) : null,
            PosteriorMean = logVar is null ? null : scope.Keep(mean),
            PosteriorLogVar = logVar is null ? null : scope.Keep(logVar),
            FamilyLosses = deterministic
                ? new Dictionary<string, Tensor>()
                : new Dictionary<string, Tensor> { [DiffusionLoss] = scope.Keep(PixelLosses.Mse(prediction, example.Target)) },
        };
    }

    /// <summary>The inverse of <see cref="Chunks"/>: n chunks on the batch axis back to one clip of 1 + k·n frames (later chunks drop their shared first frame).</summary>
    private static Tensor Joined(Tensor chunks, long batch)
    {
        var count = chunks.Size(0) / batch;
        if (count <= 1)
        {
            return chunks;
        }

        using var scope = DisposeScope.Enter();
        var frames = chunks.Size(2);
        var parts = Enumerable.Range(0, (int)count)
            .Select(n => n == 0 ? chunks.Narrow(0, 0, batch) : chunks.Narrow(0, n * batch, batch).Narrow(2, 1, frames - 1))
            .ToList();
        return scope.Keep(Tensor.Cat(parts, 2));
    }

    /// <summary>[B,3,1+k·n,H,W] → its n chunks of 1+k frames stacked on the batch axis ([B,3,1,H,W] stays as it is).</summary>
    private Tensor Chunks(Tensor video)
    {
        var k = Model.Config.TemporalRatio;
        var count = (video.Size(2) - 1) / k;
        if (count <= 1)
        {
            return video;
        }

        using var scope = DisposeScope.Enter();
        var parts = Enumerable.Range(0, (int)count).Select(n => video.Narrow(2, (long)n * k, k + 1)).ToList();
        return scope.Keep(Tensor.Cat(parts, 0));
    }

    IReadOnlyDictionary<string, Tensor> ITrainableTokenizer.StateDict() => Model.StateDict();
}
