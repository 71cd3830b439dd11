using VideoPipe.Torch.Tests.Support;

namespace VideoPipe.Torch.Tests.Ops;

/// <summary>
/// The oneDNN routes (ConvKernel.Auto, ConvKernel.OneDnn) equal torch's own kernel (ConvKernel.Torch) within
/// 1e-5 across stride, padding, output_padding, dilation and groups variants, and Auto takes the route the
/// documented rule says.
/// </summary>
public class ConvKernelParityTests
{
    public sealed record Variant(string Name, long[] Input, long OutChannels, long[] Kernel, long[] Stride, long[] Padding, long[] Dilation, long Groups, long[]? OutputPadding = null)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Variant> Forward() => new()
    {
        new("2d plain", [1, 8, 12, 12], 8, [3, 3], [1, 1], [1, 1], [1, 1], 1),
        new("2d stride2 pad0", [1, 6, 13, 11], 4, [3, 3], [2, 2], [0, 0], [1, 1], 1),
        new("2d dilated asym", [1, 4, 15, 14], 6, [3, 2], [1, 2], [2, 1], [2, 3], 1),
        new("2d groups", [2, 8, 9, 10], 12, [3, 3], [1, 1], [1, 1], [1, 1], 4),
        new("2d depthwise", [1, 8, 9, 10], 8, [3, 3], [2, 1], [1, 1], [1, 1], 8),
        new("2d pointwise", [1, 16, 9, 10], 8, [1, 1], [1, 1], [0, 0], [1, 1], 1),
        new("3d plain", [1, 8, 5, 9, 10], 8, [3, 3, 3], [1, 1, 1], [1, 1, 1], [1, 1, 1], 1),
        new("3d stride (1,2,2)", [1, 6, 5, 12, 11], 4, [3, 3, 3], [1, 2, 2], [1, 1, 1], [1, 1, 1], 1),
        new("3d causal-style pad", [1, 4, 6, 8, 8], 4, [3, 3, 3], [1, 1, 1], [0, 1, 1], [1, 1, 1], 1),
        new("3d dilated", [1, 4, 7, 9, 9], 6, [3, 3, 3], [1, 1, 1], [2, 1, 2], [2, 1, 2], 1),
        new("3d groups stride2", [1, 8, 6, 8, 9], 8, [3, 3, 3], [2, 2, 2], [1, 1, 1], [1, 1, 1], 2),
        new("3d kernel (3,1,1)", [1, 8, 6, 5, 5], 8, [3, 1, 1], [1, 1, 1], [1, 0, 0], [1, 1, 1], 1),
        new("3d batch 2", [2, 4, 4, 6, 6], 4, [3, 3, 3], [1, 1, 1], [1, 1, 1], [1, 1, 1], 1),
    };

    public static TheoryData<Variant> Transposed() => new()
    {
        new("T3d up2", [1, 8, 3, 5, 6], 4, [3, 3, 3], [2, 2, 2], [1, 1, 1], [1, 1, 1], 1, [1, 1, 1]),
        new("T3d up (1,2,2)", [1, 6, 4, 5, 5], 6, [3, 3, 3], [1, 2, 2], [1, 1, 1], [1, 1, 1], 1, [0, 1, 1]),
        new("T3d kernel4 stride2", [1, 4, 3, 4, 4], 4, [4, 4, 4], [2, 2, 2], [1, 1, 1], [1, 1, 1], 1, [0, 0, 0]),
        new("T3d stride1 pad0", [1, 4, 3, 4, 5], 6, [3, 3, 3], [1, 1, 1], [0, 0, 0], [1, 1, 1], 1, [0, 0, 0]),
        new("T3d dilated", [1, 4, 3, 4, 4], 4, [3, 3, 3], [1, 2, 2], [1, 2, 1], [1, 2, 2], 1, [0, 1, 1]),
        new("T3d groups", [1, 8, 3, 4, 4], 6, [3, 3, 3], [2, 2, 2], [1, 1, 1], [1, 1, 1], 2, [1, 0, 1]),
        new("T3d stride3 outpad2", [1, 4, 2, 3, 3], 4, [3, 3, 3], [3, 3, 3], [1, 1, 1], [1, 1, 1], 1, [2, 2, 2]),
        new("T2d up2", [1, 8, 6, 7], 4, [3, 3], [2, 2], [1, 1], [1, 1], 1, [1, 1]),
        new("T2d groups dilated", [2, 6, 5, 5], 6, [3, 2], [2, 1], [1, 0], [1, 2], 3, [1, 0]),
    };

    [Theory]
    [MemberData(nameof(Forward))]
    public void ForwardOneDnnEqualsTorch(Variant c)
    {
        using var scope = DisposeScope.Enter();
        var (x, w, b) = Inputs(c, transposed: false);
        var reference = Functional.Conv(x, w, b, c.Stride, c.Padding, c.Dilation, c.Groups, ConvKernel.Torch);
        TensorAssert.Close(reference, Functional.Conv(x, w, b, c.Stride, c.Padding, c.Dilation, c.Groups, ConvKernel.Auto), 1e-5, 1e-5, c.Name + " auto");
        TensorAssert.Close(reference, Functional.Conv(x, w, b, c.Stride, c.Padding, c.Dilation, c.Groups, ConvKernel.OneDnn), 1e-5, 1e-5, c.Name + " onednn");
        Assert.Equal(ConvPath.OneDnn, Functional.SelectConvPath(x, w, c.Stride, c.Dilation, null, false, c.Groups, ConvKernel.Auto));
    }

    [Theory]
    [MemberData(nameof(Transposed))]
    public void TransposedOneDnnEqualsTorch(Variant c)
    {
        using var scope = DisposeScope.Enter();
        var (x, w, b) = Inputs(c, transposed: true);
        var op = c.OutputPadding!;
        var reference = Functional.ConvTranspose(x, w, b, c.Stride, c.Padding, op, c.Groups, c.Dilation, ConvKernel.Torch);
        var auto = Functional.ConvTranspose(x, w, b, c.Stride, c.Padding, op, c.Groups, c.Dilation, ConvKernel.Auto);
        TensorAssert.Close(reference, auto, 1e-5, 1e-5, c.Name + " auto");
        var forced = Functional.ConvTranspose(x, w, b, c.Stride, c.Padding, op, c.Groups, c.Dilation, ConvKernel.OneDnn);
        TensorAssert.Close(reference, forced, 1e-5, 1e-5, c.Name + " onednn");
        Assert.Equal(ConvPath.OneDnnZeroStuffed, Functional.SelectConvPath(x, w, c.Stride, c.Dilation, op, true, c.Groups, ConvKernel.OneDnn));
    }

    [Fact]
    public void TorchKernelAlwaysTakesTorchsPathAndOtherDTypesStayWithTorch()
    {
        using var scope = DisposeScope.Enter();
        var x = Tensor.Zeros([1, 4, 5, 6, 7]);
        var w = Tensor.Zeros([4, 4, 3, 3, 3]);
        long[] ones = [1, 1, 1];
        Assert.Equal(ConvPath.Torch, Functional.SelectConvPath(x, w, ones, ones, kernel: ConvKernel.Torch));
        Assert.Equal(ConvPath.Torch, Functional.SelectConvPath(x.To(DType.Float64), w.To(DType.Float64), ones, ones, kernel: ConvKernel.Auto));
        var x1 = Tensor.Zeros([1, 4, 9]);
        var w1 = Tensor.Zeros([4, 4, 3]);
        Assert.Equal(ConvPath.Torch, Functional.SelectConvPath(x1, w1, [1], [1], kernel: ConvKernel.Auto));
    }

    [Fact]
    public void Float64ConvolutionsStillWorkThroughTorch()
    {
        using var scope = DisposeScope.Enter();
        var c = new Variant("3d f64", [1, 4, 4, 5, 5], 4, [3, 3, 3], [1, 1, 1], [1, 1, 1], [1, 1, 1], 1);
        var (x, w, b) = Inputs(c, transposed: false);
        var f32 = Functional.Conv(x, w, b, c.Stride, c.Padding, c.Dilation, c.Groups, ConvKernel.Auto);
        var f64 = Functional.Conv(x.To(DType.Float64), w.To(DType.Float64), b.To(DType.Float64), c.Stride, c.Padding, c.Dilation, c.Groups, ConvKernel.Auto);
        Assert.Equal(DType.Float64, f64.DType);
        TensorAssert.Close(f64, f32, 1e-5, 1e-5);
    }

    private static (Tensor X, Tensor W, Tensor B) Inputs(Variant c, bool transposed)
    {
        using var g = new Generator(42);
        var cin = c.Input[1];
        long[] wShape = transposed ? [cin, c.OutChannels / c.Groups, .. c.Kernel] : [c.OutChannels, cin / c.Groups, .. c.Kernel];
        var fanIn = (transposed ? c.OutChannels / c.Groups : cin / c.Groups) * c.Kernel.Aggregate(1L, (a, k) => a * k);
        var x = Tensor.Randn(g, c.Input);
        var w = Tensor.Randn(g, wShape).Mul(1 / Math.Sqrt(fanIn));
        var b = Tensor.Randn(g, [c.OutChannels]);
        return (x, w, b);
    }
}
