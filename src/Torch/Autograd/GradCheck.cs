namespace VideoPipe.Torch;

/// <summary>
/// Finite-difference check of autograd gradients (torch.autograd.gradcheck's idea): compares the gradient of a
/// scalar objective with central differences, element by element. Use float64 tensors; every evaluation runs in
/// grad mode. Layers with many parameters check a seeded sample of elements per tensor.
/// </summary>
public static class GradCheck
{
    /// <summary>
    /// Checks d(sum(f(inputs) · w))/d(inputs) for a fixed random weighting w of the output. Returns the largest
    /// |analytic − numeric| / (atol + rtol·|numeric|) over every element of every input (≤ 1 passes).
    /// </summary>
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
        var weights = OutputWeights(() => f(leaves), seed);
        return WorstRatio(() => (f(leaves) * weights).Sum(), leaves, int.MaxValue, eps, atol, rtol, seed);
    }

    /// <summary>
    /// Checks the gradient of the scalar <paramref name="objective"/> with respect to each of <paramref name="leaves"/>
    /// (float64 tensors that require grad, e.g. a layer's input and parameters), perturbing at most
    /// <paramref name="samplesPerTensor"/> seeded elements of each in place.
    /// </summary>
    public static double WorstRatio(Func<Tensor> objective, IReadOnlyList<Tensor> leaves, int samplesPerTensor, double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3, ulong seed = 0)
    {
        if (leaves.Any(l => l.DType != DType.Float64 || !l.RequiresGrad))
        {
            throw new ArgumentException("gradient checks need float64 leaves that require grad");
        }

        using var mode = GradMode.Enable();
        Tensor?[] analytic;
        using (var scope = DisposeScope.Enter())
        {
            analytic = Autograd.Grad([objective()], leaves, allowUnused: true);
            foreach (var g in analytic.OfType<Tensor>())
            {
                DisposeScope.Detach(g); // disposed below, after the comparison
            }
        }

        var random = new Random((int)(seed % int.MaxValue));
        var worst = 0.0;
        try
        {
            for (var i = 0; i < leaves.Count; i++)
            {
                var values = leaves[i].ToArray<double>();
                var grad = analytic[i]?.ToArray<double>() ?? new double[values.Length];
                var indices = values.Length <= samplesPerTensor
                    ? Enumerable.Range(0, values.Length)
                    : Enumerable.Range(0, samplesPerTensor).Select(_ => random.Next(values.Length)).Distinct();
                foreach (var k in indices)
                {
                    var numeric = (Evaluate(objective, leaves[i], values, k, eps) - Evaluate(objective, leaves[i], values, k, -eps)) / (2 * eps);
                    var ratio = Math.Abs(grad[k] - numeric) / (atol + rtol * Math.Abs(numeric));
                    worst = double.IsNaN(ratio) ? double.PositiveInfinity : Math.Max(worst, ratio);
                }
            }
        }
        finally
        {
            foreach (var g in analytic)
            {
                g?.Dispose();
            }
        }

        return worst;
    }

    /// <summary>
    /// Checks a layer: its parameters (moved to float64 and filled with seeded N(0, 0.2²) values) and
    /// <paramref name="input"/> become leaves; the objective is sum(forward(x) · w) for a fixed random w. At most
    /// <paramref name="samplesPerTensor"/> elements of each tensor are perturbed. The module is left in float64.
    /// </summary>
    public static double ModuleWorstRatio(Module module, Func<Tensor, Tensor> forward, Tensor input, int samplesPerTensor = 12, double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3, ulong seed = 0)
    {
        module.To(DType.Float64);
        using (var generator = new Generator(seed))
        {
            module.InitializeRandom(generator, std: 0.2);
        }

        module.SetRequiresGrad(true);
        using var mode = GradMode.Enable();
        using var scope = DisposeScope.Enter();
        var x = input.To(DType.Float64).Clone();
        x.RequiresGrad = true;
        var weights = OutputWeights(() => forward(x), seed + 1);
        var leaves = new List<Tensor> { x };
        leaves.AddRange(module.NamedParameters().Select(p => p.Slot.Value));
        return WorstRatio(() => (forward(x) * weights).Sum(), leaves, samplesPerTensor, eps, atol, rtol, seed);
    }

    private static Tensor OutputWeights(Func<Tensor> f, ulong seed)
    {
        using var generator = new Generator(seed);
        using var probe = f();
        return Tensor.Randn(generator, probe.Shape, DType.Float64);
    }

    /// <summary>The objective with element <paramref name="index"/> of <paramref name="leaf"/> shifted by delta (restored after).</summary>
    private static double Evaluate(Func<Tensor> objective, Tensor leaf, double[] values, int index, double delta)
    {
        var original = values[index];
        try
        {
            values[index] = original + delta;
            Assign(leaf, values);
            using var scope = DisposeScope.Enter();
            using var noGrad = GradMode.NoGrad();
            return objective().Item();
        }
        finally
        {
            values[index] = original;
            Assign(leaf, values);
        }
    }

    private static void Assign(Tensor leaf, double[] values)
    {
        using var noGrad = GradMode.NoGrad();
        leaf.CopyFrom<double>(values);
    }
}
