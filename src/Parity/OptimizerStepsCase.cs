using System.Text.Json;
using VideoPipe.Torch;
using VideoPipe.Torch.Optim;

namespace VideoPipe.Parity;

/// <summary>
/// The <c>optimizer-steps</c> golden op (family "optimizer"): parameters <c>param.&lt;name&gt;</c>, then per step s
/// the raw gradients <c>grad.&lt;s&gt;.&lt;name&gt;</c>, global-norm clipping to <c>max_grad_norm</c> (golden
/// <c>grad_norm.&lt;s&gt;</c> is the norm before clipping) and one optimizer step; golden <c>param.&lt;s&gt;.&lt;name&gt;</c>
/// is every parameter after step s.
/// </summary>
public static class OptimizerStepsCase
{
    public const string Family = "optimizer";

    /// <param name="device">Where the parameters and gradients go; null: the CPU.</param>
    public static IReadOnlyList<ParityStepResult> Run(GoldenCase goldenCase, Device? device = null)
    {
        var inputs = GoldenTensors.Load(goldenCase.InputsPath, device ?? Device.Cpu);
        var goldens = GoldenTensors.Load(goldenCase.GoldenPath, device ?? Device.Cpu);
        try
        {
            return goldenCase.Steps.SelectMany(step => step.Op == "optimizer-steps"
                ? RunSteps(goldenCase, step, inputs, goldens)
                : [new ParityStepResult(step.Out, step.Op, double.NaN, double.PositiveInfinity, false, $"family '{Family}' runs only op 'optimizer-steps'")]).ToList();
        }
        finally
        {
            GoldenTensors.DisposeAll(inputs);
            GoldenTensors.DisposeAll(goldens);
        }
    }

    private static IReadOnlyList<ParityStepResult> RunSteps(GoldenCase goldenCase, GoldenStep step, IReadOnlyDictionary<string, Tensor> inputs, IReadOnlyDictionary<string, Tensor> goldens)
    {
        try
        {
            var root = goldenCase.Root;
            var hyper = root.TryGetProperty("hyperparameters", out var h) ? h : throw new GoldenCaseException(goldenCase.Directory, "an optimizer case needs 'hyperparameters'");
            var steps = root.TryGetProperty("steps_count", out var n) ? n.GetInt32() : throw new GoldenCaseException(goldenCase.Directory, "an optimizer case needs 'steps_count'");
            var schedule = ParityRunner.OptionString(hyper, "lr_schedule") ?? "constant";
            if (schedule != "constant")
            {
                throw new NotSupportedException($"optimizer case: lr_schedule '{schedule}' is not supported here (constant)");
            }

            var names = inputs.Keys.Where(k => k.StartsWith("param.", StringComparison.Ordinal)).Select(k => k["param.".Length..]).Order(StringComparer.Ordinal).ToList();
            var noDecay = hyper.TryGetProperty("no_weight_decay", out var nd) ? nd.EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal) : [];
            var unknown = noDecay.Where(x => !names.Contains(x)).ToList();
            if (unknown.Count > 0)
            {
                throw new GoldenCaseException(goldenCase.Directory, $"no_weight_decay names unknown parameters: {string.Join(", ", unknown)}");
            }

            using var mode = GradMode.NoGrad();
            using var scope = DisposeScope.Enter();
            var parameters = names.ToDictionary(x => x, x => inputs["param." + x].Clone(), StringComparer.Ordinal);
            var groups = new[]
            {
                new ParameterGroup(names.Where(x => !noDecay.Contains(x)).Select(x => parameters[x]).ToList()),
                new ParameterGroup(names.Where(noDecay.Contains).Select(x => parameters[x]).ToList()) { WeightDecay = 0 },
            }.Where(g => g.Parameters.Count > 0);
            using var optimizer = Create(ParityRunner.OptionString(root, "optimizer") ?? "adamw", hyper, groups);
            var maxNorm = hyper.TryGetProperty("max_grad_norm", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetDouble() : (double?)null;
            var results = new List<ParityStepResult>();
            for (var s = 1; s <= steps; s++)
            {
                foreach (var x in names)
                {
                    parameters[x].Grad = inputs[$"grad.{s}.{x}"].Clone();
                }

                if (maxNorm is { } max)
                {
                    var norm = GradientClipping.ClipGradNorm(parameters.Values, max);
                    using var got = Tensor.FromArray([(float)norm], 1);
                    results.Add(Compare($"grad_norm.{s}", got, goldens, step));
                }

                optimizer.Step();
                optimizer.ZeroGrad();
                results.Add(CompareAll($"param.{s}.*", names.Select(x => ($"param.{s}.{x}", parameters[x])), goldens, step));
            }

            return results;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return [new ParityStepResult(step.Out, step.Op, double.NaN, double.PositiveInfinity, false, e.Message)];
        }
    }

    private static Optimizer Create(string name, JsonElement hyper, IEnumerable<ParameterGroup> groups)
    {
        double Number(string key, double fallback) => hyper.TryGetProperty(key, out var v) ? v.GetDouble() : fallback;
        var betas = hyper.TryGetProperty("betas", out var b) ? b.EnumerateArray().Select(e => e.GetDouble()).ToArray() : [0.9, 0.999];
        return name switch
        {
            "adamw" => new AdamW(groups, Number("lr", 1e-3), betas[0], betas[1], Number("eps", 1e-8), Number("weight_decay", 1e-2)),
            "adam" => new Adam(groups, Number("lr", 1e-3), betas[0], betas[1], Number("eps", 1e-8), Number("weight_decay", 0)),
            "sgd" => new Sgd(groups, Number("lr", 1e-3), Number("momentum", 0), Number("dampening", 0), Number("weight_decay", 0), hyper.TryGetProperty("nesterov", out var ne) && ne.GetBoolean()),
            _ => throw new NotSupportedException($"optimizer case: unknown optimizer '{name}' (adamw, adam, sgd)"),
        };
    }

    private static ParityStepResult Compare(string name, Tensor got, IReadOnlyDictionary<string, Tensor> goldens, GoldenStep step)
    {
        var want = goldens.TryGetValue(name, out var w) ? w : throw new KeyNotFoundException($"golden '{name}' is missing");
        var (maxAbs, worst) = ToleranceCheck.Compare(got.Reshape(want.Shape), want, step.Atol, step.Rtol);
        return new ParityStepResult(name, step.Op, maxAbs, worst, worst <= 1.0);
    }

    private static ParityStepResult CompareAll(string label, IEnumerable<(string Golden, Tensor Got)> pairs, IReadOnlyDictionary<string, Tensor> goldens, GoldenStep step)
    {
        var (maxAbs, worst) = (0.0, 0.0);
        foreach (var (golden, got) in pairs)
        {
            var r = Compare(golden, got, goldens, step);
            (maxAbs, worst) = (Math.Max(maxAbs, r.MaxAbsError), double.IsNaN(r.WorstRatio) ? double.PositiveInfinity : Math.Max(worst, r.WorstRatio));
        }

        return new ParityStepResult(label, step.Op, maxAbs, worst, worst <= 1.0);
    }
}
