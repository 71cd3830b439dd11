namespace VideoPipe.Torch.Losses;

/// <summary>
/// The hinge GAN objective and Open-Sora-Plan's adaptive generator weight: the adversarial term is scaled so its
/// gradient at the decoder's last layer is as large as the reconstruction term's.
/// </summary>
public static class HingeAdversarialLoss
{
    /// <summary>The generator's stabiliser in the adaptive weight's denominator (upstream's 1e-4).</summary>
    public const double Epsilon = 1e-4;

    /// <summary>(mean(relu(1 − real)) + mean(relu(1 + fake))) / 2.</summary>
    public static Tensor Discriminator(Tensor realLogits, Tensor fakeLogits)
    {
        using var scope = DisposeScope.Enter();
        return scope.Keep(((1.0 - realLogits).Relu().Mean() + (1.0 + fakeLogits).Relu().Mean()) * 0.5);
    }

    /// <summary>The generator's term: −mean(fake logits).</summary>
    public static Tensor Generator(Tensor fakeLogits)
    {
        using var mean = fakeLogits.Mean();
        return mean.Neg();
    }

    /// <summary>
    /// ‖∂reconstruction/∂lastLayer‖ / (‖∂generator/∂lastLayer‖ + 1e-4), clamped to [0, <paramref name="maxWeight"/>],
    /// as a number (no graph). Both graphs are retained for the backward that follows.
    /// </summary>
    public static double AdaptiveWeight(Tensor reconstructionLoss, Tensor generatorLoss, Tensor lastLayer, double maxWeight = 1e4)
    {
        using var reconstructionGrad = Autograd.Grad([reconstructionLoss], [lastLayer], retainGraph: true)[0]!;
        using var generatorGrad = Autograd.Grad([generatorLoss], [lastLayer], retainGraph: true)[0]!;
        using var numerator = reconstructionGrad.Norm();
        using var denominator = generatorGrad.Norm();
        return Math.Clamp(numerator.Item() / (denominator.Item() + Epsilon), 0, maxWeight);
    }
}
