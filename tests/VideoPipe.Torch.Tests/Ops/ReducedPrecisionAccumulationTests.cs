namespace VideoPipe.Torch.Tests.Ops;

/// <summary>
/// bfloat16 and float16 convolutions and matrix products stay within the reduced type's rounding of the float32
/// result on every CPU (float32 accumulation). torch 1.13's fallback kernels, used where the CPU lacks AVX-512
/// BW/VL/DQ, accumulate in the reduced type and miss by ~10% on these sizes.
/// </summary>
public sealed class ReducedPrecisionAccumulationTests
{
    public static TheoryData<DType> ReducedTypes => new() { DType.BFloat16, DType.Float16 };

    [Theory]
    [MemberData(nameof(ReducedTypes))]
    public void Conv3dAccumulatesInFloat32(DType type)
    {
        using var generator = new Generator(11);
        using var x = Tensor.Randn(generator, [1, 64, 5, 16, 16]);
        using var w0 = Tensor.Randn(generator, [64, 64, 3, 3, 3]);
        using var w = w0 * 0.05;
        using var b = Tensor.Randn(generator, [64]);
        AssertCloseToFloat32(type, [x, w, b], inputs => Functional.Conv3d(inputs[0], inputs[1], inputs[2], padding: 1));
    }

    [Theory]
    [MemberData(nameof(ReducedTypes))]
    public void MatrixProductsAccumulateInFloat32(DType type)
    {
        using var generator = new Generator(12);
        using var a = Tensor.Randn(generator, [2, 256, 1728]);
        using var m0 = Tensor.Randn(generator, [2, 1728, 64]);
        using var m = m0 * 0.05;
        using var c = Tensor.Randn(generator, [2, 256, 64]);
        using var bias = Tensor.Randn(generator, [64]);
        using var weight0 = Tensor.Randn(generator, [64, 1728]);
        using var weight = weight0 * 0.05;
        AssertCloseToFloat32(type, [a, m], t => t[0].MatMul(t[1]));
        AssertCloseToFloat32(type, [a, m], t => t[0].Bmm(t[1]));
        AssertCloseToFloat32(type, [c, a, m], t => t[0].BAddBmm(t[1], t[2], beta: 0.5, alpha: 2));
        AssertCloseToFloat32(type, [a, weight, bias], t => Functional.Linear(t[0], t[1], t[2]));
    }

    [Fact]
    public void MixedOperandTypesAreStillRefused()
    {
        using var a = Tensor.Ones([4, 8]).To(DType.BFloat16);
        using var b = Tensor.Ones([8, 2]);
        Assert.ThrowsAny<Exception>(() => a.MatMul(b).Dispose());
    }

    /// <summary>The op on the inputs rounded to <paramref name="type"/> against float32 on the same rounded values.</summary>
    private static void AssertCloseToFloat32(DType type, Tensor[] inputs, Func<Tensor[], Tensor> op)
    {
        var reduced = inputs.Select(t => t.To(type)).ToArray();
        var rounded = reduced.Select(t => t.To(DType.Float32)).ToArray();
        try
        {
            using var result = op(reduced);
            Assert.Equal(type, result.DType);
            using var expected = op(rounded);
            using var actual = result.To(DType.Float32);
            using var difference = (actual - expected).Abs();
            using var magnitude = expected.Abs();
            var relative = difference.MaxValue() / magnitude.MaxValue();
            Assert.True(relative < 0.01, $"{type}: max |error| is {relative:P2} of the largest output");
        }
        finally
        {
            foreach (var t in reduced.Concat(rounded))
            {
                t.Dispose();
            }
        }
    }
}
