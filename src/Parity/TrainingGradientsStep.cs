using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.Sdk;
using VideoPipe.Torch;
using VideoPipe.Torch.Losses;

namespace VideoPipe.Parity;

/// <summary>
/// The <c>train-gradients</c> golden op: one training forward of the family with the golden posterior noise, the
/// VAE loss sum|x − recon|/B + kl_weight·sum(KL)/B, one backward; the loss and every parameter's gradient are
/// compared with the goldens (shared/goldens/README.md, "Training cases").
/// </summary>
internal static class TrainingGradientsStep
{
    private static readonly HashSet<string> Keys = ["noise", "kl_weight", "loss", "z"];

    public static IReadOnlyList<ParityStepResult> Run(ITokenizer tokenizer, GoldenStep step, Tensor video, Func<string, Tensor> resolve, IReadOnlyDictionary<string, Tensor> goldens, Tensor wantLoss)
    {
        var trainable = tokenizer as ITrainableTokenizer
            ?? throw new NotSupportedException($"{tokenizer.Card.Family} cannot train (its tokenizer does not implement ITrainableTokenizer)");
        var gradients = step.Gradients ?? throw new ArgumentException("train-gradients needs a 'gradients' section (prefix, tolerance)");
        var (noiseReference, klWeight) = ParseOptions(step.Options);
        trainable.SetTraining(true);
        try
        {
            foreach (var p in trainable.Parameters())
            {
                p.Value.Grad = null;
            }

            using var mode = GradMode.Enable();
            using var scope = DisposeScope.Enter();
            using var forward = trainable.Forward(video, new TrainingForwardOptions { PosteriorNoise = resolve(noiseReference) });
            var reconstruction = forward.Reconstruction ?? throw new InvalidOperationException("the family's training forward returned no reconstruction");
            var mean = forward.PosteriorMean ?? throw new InvalidOperationException("the family's training forward returned no posterior");
            var target = video.To(reconstruction.DType, reconstruction.Device);
            var loss = PixelLosses.L1(reconstruction, target, LossReduction.SumOverBatch)
                + PixelLosses.Reduce(GaussianPosterior.KlDivergence(mean, forward.PosteriorLogVar!), LossReduction.SumOverBatch) * klWeight;
            loss.Backward();
            var (maxAbs, worst) = ToleranceCheck.Compare(loss.Reshape(wantLoss.Shape), wantLoss, step.Atol, step.Rtol);
            return [new ParityStepResult(step.Out, step.Op, maxAbs, worst, worst <= 1.0), CompareGradients(trainable, gradients, goldens)];
        }
        finally
        {
            trainable.SetTraining(false);
        }
    }

    private static (string Noise, double KlWeight) ParseOptions(JsonElement options)
    {
        foreach (var property in options.EnumerateObject())
        {
            if (!Keys.Contains(property.Name))
            {
                throw new NotSupportedException($"train-gradients: unknown option '{property.Name}' (known: {string.Join(", ", Keys)})");
            }
        }

        var loss = ParityRunner.OptionString(options, "loss");
        if (loss is not null && !IsVaeLoss(loss))
        {
            throw new NotSupportedException($"train-gradients: unsupported loss '{loss}' (supported: sum|x - recon| / B + kl_weight * sum(KL) / B)");
        }

        var noise = ParityRunner.OptionString(options, "noise") ?? throw new ArgumentException("train-gradients needs option 'noise' (the posterior's unit noise)");
        var klWeight = options.TryGetProperty("kl_weight", out var k) && k.ValueKind == JsonValueKind.Number
            ? k.GetDouble()
            : throw new ArgumentException("train-gradients needs a number 'kl_weight'");
        return (noise, klWeight);
    }

    private static bool IsVaeLoss(string text)
    {
        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        return compact.StartsWith("sum|x-recon|/B+kl_weight*sum(", StringComparison.Ordinal) && compact.EndsWith(")/B", StringComparison.Ordinal);
    }

    private static ParityStepResult CompareGradients(ITrainableTokenizer trainable, GradientTolerance tolerance, IReadOnlyDictionary<string, Tensor> goldens)
    {
        var parameters = trainable.Parameters();
        var names = parameters.Select(p => tolerance.Prefix + p.Name).ToHashSet(StringComparer.Ordinal);
        var extra = goldens.Keys.Where(k => k.StartsWith(tolerance.Prefix, StringComparison.Ordinal) && !names.Contains(k)).ToList();
        var missing = names.Where(n => !goldens.ContainsKey(n)).ToList();
        var label = $"{tolerance.Prefix}* ({parameters.Count})";
        if (extra.Count > 0 || missing.Count > 0)
        {
            return new ParityStepResult(label, "train-gradients", double.NaN, double.PositiveInfinity, false,
                $"gradients do not match the model's parameters: golden without parameter [{string.Join(", ", extra.Take(5))}], parameter without golden [{string.Join(", ", missing.Take(5))}]");
        }

        var (worst, worstName, worstDiff) = (0.0, "", 0.0);
        foreach (var p in parameters)
        {
            using var scope = DisposeScope.Enter();
            var want = goldens[tolerance.Prefix + p.Name].To(DType.Float64, Device.Cpu);
            var grad = p.Value.Grad;
            var got = grad is null ? Tensor.Zeros(want.Shape, DType.Float64) : grad.To(DType.Float64, Device.Cpu);
            if (!got.Shape.SequenceEqual(want.Shape))
            {
                return new ParityStepResult(label, "train-gradients", double.NaN, double.PositiveInfinity, false, $"{p.Name}: gradient shape differs from the golden");
            }

            var diff = (got - want).Norm().Item();
            var ratio = diff / (tolerance.RelL2 * want.Norm().Item() + tolerance.AbsL2);
            if (double.IsNaN(ratio) || ratio > worst)
            {
                (worst, worstName, worstDiff) = (double.IsNaN(ratio) ? double.PositiveInfinity : ratio, p.Name, diff);
            }
        }

        return new ParityStepResult($"{label} worst {worstName}", "train-gradients", worstDiff, worst, worst <= 1.0);
    }
}
