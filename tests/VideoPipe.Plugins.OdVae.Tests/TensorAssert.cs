using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae.Tests;

internal static class TensorAssert
{
    public static double MaxAbsDiff(Tensor a, Tensor b)
    {
        Assert.Equal(a.Shape, b.Shape);
        using var scope = DisposeScope.Enter();
        return (a.To(DType.Float32) - b.To(DType.Float32)).Abs().MaxValue();
    }

    public static void Close(Tensor expected, Tensor actual, double atol)
    {
        var diff = MaxAbsDiff(expected, actual);
        Assert.True(diff <= atol, $"max |diff| {diff:E3} > {atol:E3}");
    }

    public static Tensor Random(ulong seed, params long[] shape)
    {
        using var g = new Generator(seed);
        return Tensor.Randn(g, shape);
    }

    /// <summary>Frame t of a [1, C, T, H, W] tensor filled with the constant values[t].</summary>
    public static Tensor ConstantFrames(long channels, long height, long width, params float[] values)
    {
        var data = new float[channels * values.Length * height * width];
        var plane = height * width;
        for (var c = 0; c < channels; c++)
        {
            for (var t = 0; t < values.Length; t++)
            {
                Array.Fill(data, values[t], (int)((c * values.Length + t) * plane), (int)plane);
            }
        }

        return Tensor.FromArray(data, 1, channels, values.Length, height, width);
    }
}
