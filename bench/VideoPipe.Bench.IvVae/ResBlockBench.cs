using VideoPipe.Plugins.IvVae.Layers;
using VideoPipe.Torch;

namespace VideoPipe.Bench.IvVae;

/// <summary>Where one full-resolution ResBlock3D spends its time (norm, SiLU, each conv, the whole block).</summary>
internal static class ResBlockBench
{
    public static void Run(int frames, int size, int branch, DType dtype)
    {
        using var generator = new Generator(5);
        using var block = new ResBlock3D(branch, branch, 4);
        block.InitializeRandom(generator, 0.02);
        block.To(dtype);
        using var x = Tensor.Randn(generator, [1, 2 * branch, frames, size, size]).To(dtype);
        using var state = new StreamState();
        using (block.Forward(x.Narrow(2, 0, 1), state))
        {
        }

        Time("norm", () => block.Norm1.Forward(x));
        Time("silu (in place on a copy)", () => x.Clone().SiluInPlace());
        Time("frame conv2d", () => block.Conv1.Conv2d.Forward(x));
        Time("group-causal conv3d", () => block.Conv1.Conv3d.Forward(x, state));
        Time("ktc conv", () => block.Conv1.Forward(x, state));
        Time("whole block", () => block.Forward(x, state));
    }

    private static void Time(string name, Func<Tensor> op) => Measured.PrintWarm(name, 28, op);
}
