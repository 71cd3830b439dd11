namespace VideoPipe.Torch.Tests.Ops;

/// <summary>Arithmetic and comparisons with broadcasting, C# operators, where, clamp and abs (values by hand).</summary>
public class ArithmeticTests
{
    private static Tensor Col() => Tensor.FromArray(new float[] { 1, 2, 3 }, 3, 1);

    private static Tensor Row() => Tensor.FromArray(new float[] { 10, 20 }, 1, 2);

    [Fact]
    public void OperatorsBroadcast()
    {
        using var scope = DisposeScope.Enter();
        var c = Col();
        var r = Row();
        Assert.Equal(new float[] { 11, 21, 12, 22, 13, 23 }, (c + r).ToArray<float>());
        Assert.Equal(new float[] { -9, -19, -8, -18, -7, -17 }, (c - r).ToArray<float>());
        Assert.Equal(new float[] { 10, 20, 20, 40, 30, 60 }, (c * r).ToArray<float>());
        Assert.Equal(new float[] { 10, 20, 5, 10, 10f / 3, 20f / 3 }, (r / c).ToArray<float>());
        Assert.Equal(new long[] { 3, 2 }, (c + r).Shape);
    }

    [Fact]
    public void ScalarOperatorsOnBothSides()
    {
        using var scope = DisposeScope.Enter();
        var c = Col();
        Assert.Equal(new float[] { 3, 4, 5 }, (c + 2).ToArray<float>());
        Assert.Equal(new float[] { 3, 4, 5 }, (2 + c).ToArray<float>());
        Assert.Equal(new float[] { -1, 0, 1 }, (c - 2).ToArray<float>());
        Assert.Equal(new float[] { 1, 0, -1 }, (2 - c).ToArray<float>());
        Assert.Equal(new float[] { 2, 4, 6 }, (c * 2).ToArray<float>());
        Assert.Equal(new float[] { 2, 4, 6 }, (2 * c).ToArray<float>());
        Assert.Equal(new float[] { 0.5f, 1, 1.5f }, (c / 2).ToArray<float>());
        Assert.Equal(new float[] { 6, 3, 2 }, (6 / c).ToArray<float>());
        Assert.Equal(new float[] { -1, -2, -3 }, (-c).ToArray<float>());
        Assert.Equal(new float[] { 1, 4, 9 }, c.Pow(2).ToArray<float>());
    }

    [Fact]
    public void InPlaceOpsChangeTheReceiver()
    {
        using var scope = DisposeScope.Enter();
        var c = Col();
        var same = c.AddInPlace(1).MulInPlace(Tensor.FromArray(new float[] { 2 }, 1));
        Assert.Same(c, same);
        Assert.Equal(new float[] { 4, 6, 8 }, c.ToArray<float>());
    }

    [Fact]
    public void ComparisonsBroadcastToBool()
    {
        using var scope = DisposeScope.Enter();
        var c = Col();
        var two = Tensor.FromArray(new float[] { 2, 2 }, 1, 2);
        var lt = c < two;
        Assert.Equal(DType.Bool, lt.DType);
        Assert.Equal(new[] { true, true, false, false, false, false }, lt.ToArray<bool>());
        Assert.Equal(new[] { false, true, true }, (c >= 2).ToArray<bool>());
        Assert.Equal(new[] { true, false, false }, (c < 2).ToArray<bool>());
        Assert.Equal(new[] { false, false, true }, (c > 2).ToArray<bool>());
        Assert.Equal(new[] { true, true, false }, (c <= 2).ToArray<bool>());
        Assert.Equal(new[] { false, true, false }, c.Eq(2).ToArray<bool>());
        Assert.Equal(new[] { true, false, true }, c.Ne(2).ToArray<bool>());
    }

    [Fact]
    public void WhereClampAbs()
    {
        using var scope = DisposeScope.Enter();
        var x = Tensor.FromArray(new float[] { -3, -0.5f, 0, 0.5f, 3 }, 5);
        Assert.Equal(new float[] { 3, 0.5f, 0, 0.5f, 3 }, x.Abs().ToArray<float>());
        Assert.Equal(new float[] { -1, -0.5f, 0, 0.5f, 1 }, x.Clamp(-1, 1).ToArray<float>());
        Assert.Equal(new float[] { -0.25f, -0.25f, 0, 0.5f, 3 }, x.Clamp(min: -0.25).ToArray<float>());
        Assert.Equal(new float[] { -3, -0.5f, 0, 0.25f, 0.25f }, x.Clamp(max: 0.25).ToArray<float>());
        var picked = Tensor.Where(x > 0, x, Tensor.Scalar(100));
        Assert.Equal(new float[] { 100, 100, 100, 0.5f, 3 }, picked.ToArray<float>());
    }

    [Fact]
    public void IntegerArithmeticStaysInteger()
    {
        using var scope = DisposeScope.Enter();
        var a = Tensor.FromArray(new long[] { 7, -7 }, 2);
        Assert.Equal(DType.Int64, (a + 1).DType);
        Assert.Equal(new long[] { 8, -6 }, (a + 1).ToArray<long>());
        Assert.Equal(new long[] { 1, 2 }, a.Remainder(3).ToArray<long>()); // Python-style modulo
        Assert.Equal(new long[] { 2, -3 }, a.FloorDivide(3).ToArray<long>());
        Assert.Equal(new long[] { 3, 17 }, (10 - a).ToArray<long>());
        Assert.Equal(new long[] { 5, -5 }, a.Clamp(-5, 5).ToArray<long>());
        Assert.Equal(new long[] { 49, 49 }, a.Pow(2).ToArray<long>());
        Assert.Equal(new long[] { 14, -14 }, a.Clone().MulInPlace(2).ToArray<long>());
        Assert.Equal(new float[] { 3.5f, -3.5f }, (a * 0.5).ToArray<float>()); // a fraction promotes, as in torch
        Assert.Equal(new float[] { 3.5f, -3.5f }, (a / 2).ToArray<float>());   // true division, as in torch
    }
}
