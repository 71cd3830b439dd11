using VideoPipe.Abstractions;
using VideoPipe.Engine.Stages;
using VideoPipe.Torch;

namespace VideoPipe.Jobs.Training;

/// <summary>
/// Mean PSNR and SSIM of the held-out clips reconstructed from the posterior mean (the raw weights, no-grad),
/// scored on 8-bit frames with the metrics stage's own formulas. A generative decoder (card.GenerativeDecode) is
/// scored through its own encode and decode, sampled with the run's seed, as a user would reconstruct.
/// </summary>
public sealed class ReconstructionEvaluator(IClipSource source, TrainingOptions options)
{
    private readonly List<float[]> clips = [];

    public (double Psnr, double Ssim) Evaluate(ITrainableTokenizer model, CancellationToken cancellationToken)
    {
        while (clips.Count < options.Eval.Clips)
        {
            clips.Add(source.EvaluationClipAsync(clips.Count, cancellationToken).GetAwaiter().GetResult());
        }

        var (psnr, ssim, frames) = (0.0, 0.0, 0);
        using var mode = GradMode.NoGrad();
        foreach (var clip in clips)
        {
            using var scope = DisposeScope.Enter();
            var video = Tensor.FromArray(clip, 1, 3, options.Data.Frames, options.Data.Size, options.Data.Size);
            var reconstruction = Reconstruct(model, video);
            foreach (var (p, s, _) in FrameQuality.Compare(ToBytes(video), ToBytes(reconstruction)))
            {
                (psnr, ssim, frames) = (psnr + p, ssim + s, frames + 1);
            }
        }

        return (psnr / frames, ssim / frames);
    }

    private Tensor Reconstruct(ITrainableTokenizer model, Tensor video)
    {
        if (model is ITokenizer { Card.GenerativeDecode: true } tokenizer)
        {
            using var latents = tokenizer.Encode(video.To(tokenizer.DType, tokenizer.Device), EncodeOptions.Default);
            return tokenizer.Decode(latents, new DecodeOptions { Seed = options.Seed });
        }

        using var forward = model.Forward(video, new TrainingForwardOptions { SamplePosterior = false });
        var reconstruction = forward.Reconstruction ?? throw new InvalidOperationException("the family's training forward gave no reconstruction to evaluate");
        return reconstruction.Detach();
    }

    /// <summary>[1, 3, T, H, W] in [-1, 1] as uint8 frames [T, H, W, 3].</summary>
    private static Tensor ToBytes(Tensor video)
    {
        using var scope = DisposeScope.Enter();
        var bytes = ((video.To(DType.Float32) + 1.0) * 127.5).Clamp(0, 255).Round().To(DType.UInt8);
        return scope.Keep(bytes.Squeeze(0).Permute(1, 2, 3, 0).Contiguous());
    }
}
