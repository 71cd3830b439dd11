namespace VideoPipe.Torch.Tests.Differentiation;

/// <summary>
/// Finite-difference checks (float64) of the ops whose forward the shim routes or fuses itself: convolutions (oneDNN
/// routing), the fused channel RMS norm + SiLU, blockwise attention, and the other NN entry points the families use.
/// </summary>
public class GradCheckTests
{
    private static Tensor Random(ulong seed, params long[] shape)
    {
        using var generator = new Generator(seed);
        return Tensor.Randn(generator, shape, DType.Float64);
    }

    private static void AssertGradientsMatch(Func<IReadOnlyList<Tensor>, Tensor> f, params Tensor[] inputs) =>
        Assert.InRange(GradCheck.WorstRatio(f, inputs), 0, 1);

    [Fact]
    public void Conv3dWithStrideAndPadding() =>
        AssertGradientsMatch(t => Functional.Conv3d(t[0], t[1], t[2], stride: 2, padding: 1), Random(1, 1, 2, 3, 4, 4), Random(2, 3, 2, 3, 3, 3), Random(3, 3));

    [Fact]
    public void Conv2dGrouped() =>
        AssertGradientsMatch(t => Functional.Conv2d(t[0], t[1], t[2], padding: 1, groups: 2), Random(4, 1, 4, 4, 4), Random(5, 2, 2, 3, 3), Random(6, 2));

    [Fact]
    public void ConvTranspose3d() =>
        AssertGradientsMatch(t => Functional.ConvTranspose3d(t[0], t[1], t[2], stride: 2, padding: 1, outputPadding: 1), Random(7, 1, 2, 2, 3, 3), Random(8, 2, 2, 3, 3, 3), Random(9, 2));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ChannelRmsNorm(bool silu) =>
        AssertGradientsMatch(t => Functional.ChannelRmsNorm(t[0], t[1], groups: 2, eps: 1e-12, silu: silu), Random(10, 2, 4, 3, 2), Random(11, 4));

    [Fact]
    public void BlockwiseAttentionWithAMask()
    {
        using var mask = Tensor.FromArray(new[] { true, false, true, true, true, false, true, true, true, true, true, true }, 1, 3, 4);
        AssertGradientsMatch(t => Functional.ScaledDotProductAttention(t[0], t[1], t[2], mask, blockQ: 2), Random(12, 1, 3, 2), Random(13, 1, 4, 2), Random(14, 1, 4, 2));
    }

    [Fact]
    public void GroupNormWithAffine() =>
        AssertGradientsMatch(t => Functional.GroupNorm(t[0], 2, t[1], t[2]), Random(15, 2, 4, 3, 2), Random(16, 4), Random(17, 4));

    [Fact]
    public void PadInterpolateAndSilu() =>
        AssertGradientsMatch(t => Functional.Interpolate(Functional.Pad(t[0], [1, 0, 0, 1], PadMode.Replicate), [2.0, 2.0], InterpolationMode.Nearest).Silu(), Random(18, 1, 2, 3, 3));
}
