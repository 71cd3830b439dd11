namespace VideoPipe.Torch;

/// <summary>
/// Finite-difference check of autograd gradients (torch.autograd.gradcheck's idea): compares the gradient of
/// sum(f(inputs) · w), for a fixed random weighting w, with central differences element by element. Use float64
/// inputs of a few dozen elements; every evaluation of f runs in grad mode.
/// </summary>
public static class GradCheck
{
    /// <summary>The largest |analytic − numeric| / (atol + rtol·|numeric|) over every element of every input (≤ 1 passes).</summary>
    public static double WorstRatio(Func<IReadOnlyList<Tensor>, Tensor> f, IReadOnlyList<Tensor> inputs, double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3, ulong seed = 0)
    {
        using var mode = GradMode.Enable();
        using var scope = DisposeScope.Enter();
        var leaves = inputs.Select(x =>
        {
            var leaf = x.To(DType.Float64).Clone();
            leaf.RequiresGrad = true;
            return leaf;
        }).ToArray();
        Tensor weights;
        using (var generator = new Generator(seed))
        {
            using var probe = f(leaves);
            weights = Tensor.Randn(generator, probe.Shape, DType.Float64);
        }

        var objective = Weighted(f, leaves, weights);
        var analytic = Autograd.Grad([objective], leaves, allowUnused: true);
        var worst = 0.0;
        using (GradMode.NoGrad())
        {
            for (var i = 0; i < leaves.Length; i++)
            {
                var values = leaves[i].ToArray<double>();
                var grad = analytic[i]?.ToArray<double>() ?? new double[values.Length];
                for (var k = 0; k < values.Length; k++)
                {
                    var numeric = (Perturbed(f, leaves, weights, i, values, k, eps) - Perturbed(f, leaves, weights, i, values, k, -eps)) / (2 * eps);
                    var ratio = Math.Abs(grad[k] - numeric) / (atol + rtol * Math.Abs(numeric));
                    worst = double.IsNaN(ratio) ? double.PositiveInfinity : Math.Max(worst, ratio);
                }
            }
        }

        return worst;
    }

    private static Tensor Weighted(Func<IReadOnlyList<Tensor>, Tensor> f, IReadOnlyList<Tensor> inputs, Tensor weights)
    {
        using var scope = DisposeScope.Enter();
        return scope.Keep((f(inputs) * weights).Sum());
    }

    private static double Perturbed(Func<IReadOnlyList<Tensor>, Tensor> f, Tensor[] leaves, Tensor weights, int input, double[] values, int index, double delta)
    {
        var shifted = (double[])values.Clone();
        shifted[index] += delta;
        using var scope = DisposeScope.Enter();
        var replaced = leaves.Select((t, j) => j == input ? Tensor.FromArray(shifted, t.Shape) : t).ToArray();
        return Weighted(f, replaced, weights).Item();
    }
}
