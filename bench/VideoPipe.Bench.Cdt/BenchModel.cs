using VideoPipe.Abstractions;
using VideoPipe.Plugins.Cdt;
using VideoPipe.Torch;

namespace VideoPipe.Bench.Cdt;

/// <summary>A released architecture with seeded random weights, and seeded random clips in [-1, 1].</summary>
public static class BenchModel
{
    public static CdtTokenizer Create(BenchOptions o) => (CdtTokenizer)new CdtFamily().Create(new TokenizerRequest
    {
        Preset = o.Preset,
        RandomWeightsSeed = 1234,
        DeviceContext = CpuDeviceContext.Instance,
        DType = o.DType,
    });

    public static Tensor Clip(Generator generator, long frames, long size)
    {
        using var scope = DisposeScope.Enter();
        var u = Tensor.Rand(generator, [1, 3, frames, size, size]);
        return scope.Keep(u * 2 - 1);
    }
}
