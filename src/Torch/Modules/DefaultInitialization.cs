namespace VideoPipe.Torch;

/// <summary>
/// PyTorch's default parameter initialization for convolutions, linear layers and norms (nn.Conv*/nn.Linear
/// <c>reset_parameters</c>: weights kaiming-uniform with a = √5, i.e. U(±1/√fan_in), biases U(±1/√fan_in) of their
/// weight's fan-in; norm scales 1 and shifts 0), drawn from a seeded generator in parameter order. Fan-in is
/// PyTorch's: size(1) × the kernel's elements, for transposed convolutions too. Training from scratch needs it:
/// a flat N(0, 0.02²) starts 1×1 convolutions (a VAE's quant convs) about 10× too small, and the latent path then
/// carries almost nothing for hundreds of steps.
/// </summary>
public static class DefaultInitialization
{
    public static void Apply(IReadOnlyList<(string Name, Tensor Value)> parameters, Generator generator)
    {
        var weights = parameters.Where(p => p.Value.Dim >= 2).ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        // trainable parameters are written without autograd; fresh (inference) tensors only in inference mode
        using var noGrad = parameters.Count > 0 && parameters[0].Value.IsInference ? null : GradMode.NoGrad();
        foreach (var (name, value) in parameters)
        {
            if (value.Dim >= 2)
            {
                FillUniform(value, 1.0 / Math.Sqrt(FanIn(value)), generator);
            }
            else if (name.EndsWith("bias", StringComparison.Ordinal))
            {
                var weightName = name[..^"bias".Length] + "weight";
                if (weights.TryGetValue(weightName, out var weight))
                {
                    FillUniform(value, 1.0 / Math.Sqrt(FanIn(weight)), generator);
                }
                else
                {
                    value.Fill(0);
                }
            }
            else
            {
                value.Fill(1);
            }
        }
    }

    /// <summary>PyTorch's <c>_calculate_fan_in_and_fan_out</c> fan-in: size(1) times the product of the remaining sizes.</summary>
    public static long FanIn(Tensor weight)
    {
        if (weight.Dim < 2)
        {
            throw new ArgumentException($"fan-in needs a weight of at least 2 dimensions, got [{string.Join(", ", weight.Shape)}]", nameof(weight));
        }

        var fanIn = weight.Size(1);
        for (var d = 2; d < weight.Dim; d++)
        {
            fanIn *= weight.Size(d);
        }

        return fanIn;
    }

    private static void FillUniform(Tensor value, double bound, Generator generator)
    {
        using var uniform = Tensor.Rand(generator, value.Shape.ToArray(), value.DType);
        using var stretched = uniform * (2 * bound);
        using var scaled = stretched - bound;
        value.CopyFrom(scaled);
    }
}
