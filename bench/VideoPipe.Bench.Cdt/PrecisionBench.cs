using System.Globalization;
using VideoPipe.Abstractions;
using VideoPipe.Parity;
using VideoPipe.Plugins.Cdt;
using VideoPipe.Torch;
using VideoPipe.Torch.Checkpoints;

namespace VideoPipe.Bench.Cdt;

/// <summary>
/// Runs every step of a golden case in float32 and in the requested dtype and reports, per step, the max
/// abs error against the golden and against our own float32 output, and the golden tensor's max |value|.
/// </summary>
public static class PrecisionBench
{
    public static int Run(BenchOptions o)
    {
        var goldenCase = GoldenCase.Load(o.CaseDir ?? throw new ArgumentException("--case <dir> is required"));
        var family = new CdtFamily();
        using var weights = new DisposingDictionary(Safetensors.Load(goldenCase.RequireWeights()));
        using var inputs = new DisposingDictionary(Safetensors.Load(goldenCase.InputsPath));
        using var goldens = new DisposingDictionary(Safetensors.Load(goldenCase.GoldenPath));
        using var fp32 = Create(family, goldenCase, weights.Items, DType.Float32);
        using var low = Create(family, goldenCase, weights.Items, o.DType);

        foreach (var step in goldenCase.Steps)
        {
            using var scope = DisposeScope.Enter();
            var reference = step.In ?? throw new ArgumentException($"step '{step.Out}' has no 'in' tensor");
            var source = reference.StartsWith("golden:", StringComparison.Ordinal) ? goldens.Items : inputs.Items;
            var input = source[reference[(reference.IndexOf(':') + 1)..]];
            Tensor Golden(string reference) => goldens.Items[reference[(reference.IndexOf(':') + 1)..]];
            var want = goldens.Items[step.Out];
            var reference32 = family.RunParityStep(fp32, new ParityStep(step.Op, input, step.Options, Golden));
            var got = family.RunParityStep(low, new ParityStep(step.Op, input.To(DType.Float32), step.Options, Golden));
            var (vsGolden, ratio) = ToleranceCheck.Compare(got, want, step.Atol, step.Rtol);
            var (vsFp32, _) = ToleranceCheck.Compare(got, reference32, 0, 0);
            var meanVsFp32 = (got.To(DType.Float64) - reference32.To(DType.Float64)).Abs().Mean().Item();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {Path.GetFileName(goldenCase.Directory)} | {step.Out} | {o.DType.TorchName()} | {vsFp32:E2} | {meanVsFp32:E2} | {vsGolden:E2} | {ratio:F1} | {want.Abs().MaxValue():F2} |"));
        }

        return 0;
    }

    private static ITokenizer Create(CdtFamily family, GoldenCase goldenCase, IReadOnlyDictionary<string, Tensor> weights, DType dtype) =>
        family.Create(new TokenizerRequest
        {
            Config = goldenCase.Config,
            Weights = weights,
            DeviceContext = CpuDeviceContext.Instance,
            DType = dtype,
        });

    private sealed class DisposingDictionary(Dictionary<string, Tensor> items) : IDisposable
    {
        public Dictionary<string, Tensor> Items { get; } = items;

        public void Dispose()
        {
            foreach (var t in Items.Values)
            {
                t.Dispose();
            }
        }
    }
}
