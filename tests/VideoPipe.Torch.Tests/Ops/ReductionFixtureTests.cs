using VideoPipe.Torch.Tests.Support;

namespace VideoPipe.Torch.Tests.Ops;

/// <summary>sum, mean, var (biased/unbiased), max/min with indices, amax/amin and norm against torch 1.13.</summary>
public class ReductionFixtureTests
{
    private static readonly FixtureFile Fixture = FixtureFile.Load("reduce");

    [Fact]
    public void SumAndMean()
    {
        using var scope = DisposeScope.Enter();
        var x = Fixture.Tensor("x");
        TensorAssert.Close(Fixture.Tensor("sum_all"), x.Sum());
        TensorAssert.Close(Fixture.Tensor("sum_1"), x.Sum(1));
        TensorAssert.Close(Fixture.Tensor("sum_02_keep"), x.Sum([0, 2], keepDim: true));
        TensorAssert.Close(Fixture.Tensor("mean_all"), x.Mean());
        TensorAssert.Close(Fixture.Tensor("mean_m1"), x.Mean(-1));
    }

    [Fact]
    public void Variance()
    {
        using var scope = DisposeScope.Enter();
        var x = Fixture.Tensor("x");
        TensorAssert.Close(Fixture.Tensor("var_1_unbiased"), x.Var([1], unbiased: true));
        TensorAssert.Close(Fixture.Tensor("var_all_biased"), x.Var([], unbiased: false));
        TensorAssert.Close(Fixture.Tensor("var_02_biased_keep"), x.Var([0, 2], unbiased: false, keepDim: true));
    }

    [Fact]
    public void MaxMinWithIndices()
    {
        using var scope = DisposeScope.Enter();
        var x = Fixture.Tensor("x");
        var (maxValues, maxIndices) = x.Max(2);
        TensorAssert.Equal(Fixture.Tensor("max_2.values"), maxValues);
        TensorAssert.Equal(Fixture.Tensor("max_2.indices"), maxIndices);
        var (minValues, minIndices) = x.Min(0, keepDim: true);
        TensorAssert.Equal(Fixture.Tensor("min_0_keep.values"), minValues);
        TensorAssert.Equal(Fixture.Tensor("min_0_keep.indices"), minIndices);
        TensorAssert.Equal(Fixture.Tensor("amax_1"), x.Amax(1));
        TensorAssert.Equal(Fixture.Tensor("amin_all"), x.Amin(0, 1, 2));
    }

    [Fact]
    public void Norms()
    {
        using var scope = DisposeScope.Enter();
        var x = Fixture.Tensor("x");
        TensorAssert.Close(Fixture.Tensor("norm_all"), x.Norm());
        TensorAssert.Close(Fixture.Tensor("norm_p1_1"), x.Norm(1, [1]));
        TensorAssert.Close(Fixture.Tensor("norm_12_keep"), x.Norm(2, [1, 2], keepDim: true));
    }
}
