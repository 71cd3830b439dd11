using VideoPipe.Torch.Tests.Support;

namespace VideoPipe.Torch.Tests.Ops;

/// <summary>
/// Blockwise scaled dot-product attention equals the naive softmax(q kᵀ · scale + mask) v, both a float64
/// reference made by torch 1.13 (fixtures) and one built here from whole-matrix ops, for several block sizes.
/// </summary>
public class AttentionTests
{
    private static readonly FixtureFile Fixture = FixtureFile.Load("attention");

    // 0 = automatic block; 1 and 3 do not divide L = 10; 64 exceeds it (one block)
    public static TheoryData<long> BlockSizes() => new() { 0, 1, 3, 4, 10, 64 };

    [Theory]
    [MemberData(nameof(BlockSizes))]
    public void MatchesTorchReference(long blockQ)
    {
        using var scope = DisposeScope.Enter();
        var q = Fixture.Tensor("q");
        var k = Fixture.Tensor("k");
        var v = Fixture.Tensor("v");
        TensorAssert.Close(Fixture.Tensor("plain"), Functional.ScaledDotProductAttention(q, k, v, blockQ: blockQ), 1e-5, 1e-4, "plain");
        TensorAssert.Close(Fixture.Tensor("scaled"), Functional.ScaledDotProductAttention(q, k, v, scale: 0.3, blockQ: blockQ), 1e-5, 1e-4, "scaled");
        TensorAssert.Close(Fixture.Tensor("additive"), Functional.ScaledDotProductAttention(q, k, v, Fixture.Tensor("additive_mask"), blockQ: blockQ), 1e-5, 1e-4, "additive mask");
        TensorAssert.Close(Fixture.Tensor("keep"), Functional.ScaledDotProductAttention(q, k, v, Fixture.Tensor("keep_mask"), blockQ: blockQ), 1e-5, 1e-4, "boolean mask");
    }

    [Theory]
    [MemberData(nameof(BlockSizes))]
    public void MatchesNaiveAttention(long blockQ)
    {
        using var scope = DisposeScope.Enter();
        using var g = new Generator(11);
        var q = Tensor.Randn(g, [2, 4, 37, 16]);
        var k = Tensor.Randn(g, [2, 4, 29, 16]);
        var v = Tensor.Randn(g, [2, 4, 29, 8]);
        var rowMask = Tensor.Randn(g, [1, 4, 37, 29]);          // per-query-row additive mask, batch broadcast
        var keyMask = Tensor.Rand(g, [2, 1, 1, 29]).Gt(0.25);   // per-key boolean keep-mask (no query dim)
        keyMask = keyMask.LogicalOr(Tensor.Arange(0, 29).Eq(0)); // key 0 always kept: no empty rows

        TensorAssert.Close(Naive(q, k, v, null, 0.25), Functional.ScaledDotProductAttention(q, k, v, blockQ: blockQ));
        TensorAssert.Close(Naive(q, k, v, rowMask, 0.25), Functional.ScaledDotProductAttention(q, k, v, rowMask, blockQ: blockQ));
        var additiveFromKeep = Tensor.Where(keyMask, Tensor.Scalar(0), Tensor.Scalar(double.NegativeInfinity));
        TensorAssert.Close(Naive(q, k, v, additiveFromKeep, 0.25), Functional.ScaledDotProductAttention(q, k, v, keyMask, blockQ: blockQ));
    }

    [Fact]
    public void UnbatchedSingleQueryRow()
    {
        using var scope = DisposeScope.Enter();
        using var g = new Generator(5);
        var q = Tensor.Randn(g, [1, 8]);
        var k = Tensor.Randn(g, [6, 8]);
        var v = Tensor.Randn(g, [6, 3]);
        var mask = Tensor.Randn(g, [1, 6]);
        TensorAssert.Close(Naive(q, k, v, mask, 1 / Math.Sqrt(8)), Functional.ScaledDotProductAttention(q, k, v, mask, blockQ: 1));
    }

    [Fact]
    public void MismatchedFeatureSizesThrow()
    {
        using var scope = DisposeScope.Enter();
        var ex = Assert.Throws<TorchException>(() => Functional.ScaledDotProductAttention(Tensor.Zeros([4, 8]), Tensor.Zeros([5, 7]), Tensor.Zeros([5, 3])));
        Assert.Contains("features", ex.Message);
    }

    private static Tensor Naive(Tensor q, Tensor k, Tensor v, Tensor? additiveMask, double scale)
    {
        var scores = q.To(DType.Float64).MatMul(k.To(DType.Float64).Transpose(-2, -1)).Mul(scale);
        if (additiveMask is not null)
        {
            scores = scores + additiveMask.To(DType.Float64);
        }

        return Functional.Softmax(scores, -1).MatMul(v.To(DType.Float64)).To(DType.Float32);
    }
}
