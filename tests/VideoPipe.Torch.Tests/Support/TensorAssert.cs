using VideoPipe.Torch;

namespace VideoPipe.Torch.Tests.Support;

/// <summary>Element-wise comparisons of tensors with messages that say where and by how much they differ.</summary>
public static class TensorAssert
{
    /// <summary>|actual - expected| &lt;= atol + rtol * |expected| everywhere, same shape.</summary>
    public static void Close(Tensor expected, Tensor actual, double atol = 1e-5, double rtol = 1e-5, string what = "")
    {
        Assert.True(expected.Shape.SequenceEqual(actual.Shape), $"{what}: shape [{string.Join(", ", actual.Shape)}], expected [{string.Join(", ", expected.Shape)}]");
        using var e = expected.To(DType.Float64);
        using var a = actual.To(DType.Float64);
        Close(e.ToArray<double>(), a.ToArray<double>(), atol, rtol, what);
    }

    public static void Close(double[] expected, double[] actual, double atol, double rtol, string what = "")
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = -1;
        var worstExcess = 0.0;
        for (var i = 0; i < expected.Length; i++)
        {
            var excess = Math.Abs(actual[i] - expected[i]) - (atol + rtol * Math.Abs(expected[i]));
            if (double.IsNaN(actual[i]) != double.IsNaN(expected[i]) || excess > worstExcess)
            {
                worst = i;
                worstExcess = double.IsNaN(excess) ? double.PositiveInfinity : excess;
            }
        }

        Assert.True(worst < 0, worst < 0 ? "" : $"{what}: element {worst} is {actual[worst]}, expected {expected[worst]} (atol {atol}, rtol {rtol})");
    }

    /// <summary>Same shape and exactly the same values (after conversion to float64).</summary>
    public static void Equal(Tensor expected, Tensor actual, string what = "") => Close(expected, actual, 0, 0, what);

    public static void Values(double[] expected, Tensor actual, double atol = 0, string what = "")
    {
        using var a = actual.To(DType.Float64);
        Close(expected, a.ToArray<double>(), atol, 0, what);
    }
}
