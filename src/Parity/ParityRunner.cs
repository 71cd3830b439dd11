using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Torch;
using VideoPipe.Torch.Checkpoints;

namespace VideoPipe.Parity;

/// <summary>
/// Runs a golden case against a tokenizer family: builds the model from the case's config, loads the weights
/// strictly, runs every step and compares with the golden tensors.
/// </summary>
public static class ParityRunner
{
    public static IReadOnlyList<ParityStepResult> Run(string caseDir, ITokenizerFamily family, IDeviceContext? device = null)
    {
        var goldenCase = GoldenCase.Load(caseDir);
        if (!string.Equals(goldenCase.Family, family.Family, StringComparison.OrdinalIgnoreCase))
        {
            throw new GoldenCaseException(goldenCase.Directory, $"case is for family '{goldenCase.Family}', not '{family.Family}'");
        }

        return Run(goldenCase, family, device);
    }

    /// <param name="device">Where the model and the case's tensors go; null: the CPU.</param>
    public static IReadOnlyList<ParityStepResult> Run(GoldenCase goldenCase, ITokenizerFamily family, IDeviceContext? device = null)
    {
        device ??= CpuDeviceContext.Instance;
        var weights = Safetensors.Load(goldenCase.RequireWeights());
        var inputs = GoldenTensors.Load(goldenCase.InputsPath, device.Device);
        var goldens = GoldenTensors.Load(goldenCase.GoldenPath, device.Device);
        try
        {
            using var tokenizer = family.Create(new TokenizerRequest
            {
                Config = goldenCase.Config,
                Weights = weights,
                DeviceContext = device,
                DType = goldenCase.DType,
            });
            var results = new List<ParityStepResult>();
            foreach (var step in goldenCase.Steps)
            {
                results.AddRange(RunStep(goldenCase, family, tokenizer, step, inputs, goldens));
            }

            return results;
        }
        finally
        {
            GoldenTensors.DisposeAll(weights);
            GoldenTensors.DisposeAll(inputs);
            GoldenTensors.DisposeAll(goldens);
        }
    }

    private static IReadOnlyList<ParityStepResult> RunStep(GoldenCase goldenCase, ITokenizerFamily family, ITokenizer tokenizer, GoldenStep step,
        IReadOnlyDictionary<string, Tensor> inputs, IReadOnlyDictionary<string, Tensor> goldens)
    {
        try
        {
            if (!goldens.TryGetValue(step.Out, out var want))
            {
                throw new GoldenCaseException(goldenCase.Directory, $"golden tensor '{step.Out}' is not in {goldenCase.GoldenPath}");
            }

            var input = Resolve(goldenCase, step.In ?? throw new GoldenCaseException(goldenCase.Directory, $"step '{step.Out}' needs an 'in' tensor"), inputs, goldens);
            Tensor GoldenAccessor(string reference) => Resolve(goldenCase, reference.Contains(':') ? reference : "golden:" + reference, inputs, goldens);
            if (step.Op == "train-gradients")
            {
                return TrainingGradientsStep.Run(tokenizer, step, input, GoldenAccessor, goldens, want);
            }

            var parity = family as IGoldenParity
                ?? throw new GoldenCaseException(goldenCase.Directory, $"the {family.Family} family has no golden parity steps (op '{step.Op}')");
            using var got = parity.RunParityStep(tokenizer, new ParityStep(step.Op, input, step.Options, GoldenAccessor));
            var (maxAbs, worst) = ToleranceCheck.Compare(got, want, step.Atol, step.Rtol);
            return [new ParityStepResult(step.Out, step.Op, maxAbs, worst, worst <= 1.0)];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return [new ParityStepResult(step.Out, step.Op, double.NaN, double.PositiveInfinity, false, e.Message)];
        }
    }

    private static Tensor Resolve(GoldenCase goldenCase, string reference, IReadOnlyDictionary<string, Tensor> inputs, IReadOnlyDictionary<string, Tensor> goldens)
    {
        var colon = reference.IndexOf(':');
        var (source, name) = colon < 0 ? ("input", reference) : (reference[..colon], reference[(colon + 1)..]);
        var table = source switch
        {
            "input" => inputs,
            "golden" => goldens,
            _ => throw new GoldenCaseException(goldenCase.Directory, $"'{reference}' must start with input: or golden:"),
        };
        return table.TryGetValue(name, out var t)
            ? t
            : throw new GoldenCaseException(goldenCase.Directory, $"tensor '{name}' is not in the case's {source} file");
    }

    /// <summary>Reads an option as a string ("golden:x" references, modes).</summary>
    public static string? OptionString(JsonElement options, string name) =>
        options.ValueKind == JsonValueKind.Object && options.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
