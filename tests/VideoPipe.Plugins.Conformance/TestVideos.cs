using VideoPipe.Torch;

namespace VideoPipe.Plugins.Conformance;

/// <summary>Seeded test clips and comparisons the families' tests share.</summary>
public static class TestVideos
{
    /// <summary>A smooth moving pattern in [-1, 1] plus a little seeded noise: [B,3,T,H,W].</summary>
    public static Tensor Wave(long frames, long size = 16, long batch = 1, ulong seed = 5)
    {
        using var scope = DisposeScope.Enter();
        using var generator = new Generator(seed);
        var t = Tensor.Arange(0, frames, dtype: DType.Float32).Reshape(1, 1, frames, 1, 1);
        var y = Tensor.Arange(0, size, dtype: DType.Float32).Reshape(1, 1, 1, size, 1);
        var x = Tensor.Arange(0, size, dtype: DType.Float32).Reshape(1, 1, 1, 1, size);
        var phase = Tensor.FromArray(new float[] { 0f, 2f, 4f }, 1, 3, 1, 1, 1);
        var wave = ((x * 0.4 + y * 0.3 + t * 0.5 + phase).Sin() * 0.8).Expand(batch, 3, frames, size, size);
        return scope.Keep(wave + Tensor.Randn(generator, [batch, 3, frames, size, size]) * 0.05);
    }

    /// <summary>The largest absolute difference of two tensors of the same shape, in float64.</summary>
    public static double MaxAbsDiff(Tensor a, Tensor b)
    {
        Assert.Equal(a.Shape, b.Shape);
        using var scope = DisposeScope.Enter();
        return (a.To(DType.Float64) - b.To(DType.Float64)).Abs().MaxValue();
    }
}
