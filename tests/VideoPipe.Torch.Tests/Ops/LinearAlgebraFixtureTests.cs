using VideoPipe.Torch.Tests.Support;

namespace VideoPipe.Torch.Tests.Ops;

/// <summary>linear, matmul (broadcast, matrix-vector), bmm and baddbmm against torch 1.13 (fixtures).</summary>
public class LinearAlgebraFixtureTests
{
    private static readonly FixtureFile Fixture = FixtureFile.Load("linalg");

    [Fact]
    public void Linear()
    {
        using var scope = DisposeScope.Enter();
        var x = Fixture.Tensor("linear.x");
        var w = Fixture.Tensor("linear.w");
        TensorAssert.Close(Fixture.Tensor("linear.out"), Functional.Linear(x, w, Fixture.Tensor("linear.b")));
        TensorAssert.Close(Fixture.Tensor("linear_nobias.out"), Functional.Linear(x, w));
    }

    [Fact]
    public void MatMulBroadcastsBatchDimsAndVectors()
    {
        using var scope = DisposeScope.Enter();
        var a = Fixture.Tensor("matmul.a");
        TensorAssert.Close(Fixture.Tensor("matmul.out"), a.MatMul(Fixture.Tensor("matmul.b")));
        TensorAssert.Close(Fixture.Tensor("matvec.out"), a.MatMul(Fixture.Tensor("matvec.v")));
    }

    [Fact]
    public void BmmAndBAddBmm()
    {
        using var scope = DisposeScope.Enter();
        var a = Fixture.Tensor("bmm.a");
        var b = Fixture.Tensor("bmm.b");
        TensorAssert.Close(Fixture.Tensor("bmm.out"), a.Bmm(b));
        TensorAssert.Close(Fixture.Tensor("baddbmm.out"), Fixture.Tensor("baddbmm.self").BAddBmm(a, b, beta: 0.5, alpha: 2.0));
    }
}
