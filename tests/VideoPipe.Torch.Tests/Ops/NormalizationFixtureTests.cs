using VideoPipe.Torch.Tests.Support;

namespace VideoPipe.Torch.Tests.Ops;

/// <summary>group_norm (4-D affine, 5-D plain) and layer_norm against torch 1.13 (fixtures).</summary>
public class NormalizationFixtureTests
{
    private static readonly FixtureFile Fixture = FixtureFile.Load("norm");

    [Fact]
    public void GroupNorm()
    {
        using var scope = DisposeScope.Enter();
        var affine = Functional.GroupNorm(Fixture.Tensor("group_norm4d.x"), 3, Fixture.Tensor("group_norm4d.w"), Fixture.Tensor("group_norm4d.b"), 1e-5);
        TensorAssert.Close(Fixture.Tensor("group_norm4d.out"), affine);
        var plain = Functional.GroupNorm(Fixture.Tensor("group_norm5d.x"), 4, eps: 1e-6);
        TensorAssert.Close(Fixture.Tensor("group_norm5d.out"), plain);
    }

    [Fact]
    public void LayerNorm()
    {
        using var scope = DisposeScope.Enter();
        var x = Fixture.Tensor("layer_norm.x");
        TensorAssert.Close(Fixture.Tensor("layer_norm.out"), Functional.LayerNorm(x, [8], Fixture.Tensor("layer_norm.w"), Fixture.Tensor("layer_norm.b"), 1e-5));
        TensorAssert.Close(Fixture.Tensor("layer_norm2.out"), Functional.LayerNorm(x, [3, 8], eps: 1e-6));
    }
}
