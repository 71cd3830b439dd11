using VideoPipe.Torch.Tests.Support;

namespace VideoPipe.Torch.Tests.Ops;

/// <summary>Activations, elementwise math and softmax against torch 1.13 (fixtures).</summary>
public class PointwiseFixtureTests
{
    private static readonly FixtureFile Fixture = FixtureFile.Load("pointwise");

    public static TheoryData<string> Names() => new()
    {
        "silu", "gelu", "gelu_tanh", "relu", "leaky_relu", "sigmoid", "tanh", "sin", "cos", "exp", "abs", "log", "sqrt",
        "rsqrt", "pow_scalar", "pow_tensor", "softmax_last", "softmax_first", "log_softmax_last", "clamp",
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void MatchesTorch(string name)
    {
        using var scope = DisposeScope.Enter();
        var x = Fixture.Tensor("x");
        var pos = Fixture.Tensor("pos");
        var actual = name switch
        {
            "silu" => x.Silu(),
            "gelu" => x.Gelu(),
            "gelu_tanh" => x.Gelu(tanhApproximation: true),
            "relu" => x.Relu(),
            "leaky_relu" => x.LeakyRelu(0.2),
            "sigmoid" => x.Sigmoid(),
            "tanh" => x.Tanh(),
            "sin" => x.Sin(),
            "cos" => x.Cos(),
            "exp" => x.Exp(),
            "abs" => x.Abs(),
            "log" => pos.Log(),
            "sqrt" => pos.Sqrt(),
            "rsqrt" => pos.Rsqrt(),
            "pow_scalar" => pos.Pow(1.7),
            "pow_tensor" => pos.Pow(Fixture.Tensor("exponent")),
            "softmax_last" => Functional.Softmax(x, -1),
            "softmax_first" => Functional.Softmax(x, 0),
            "log_softmax_last" => Functional.LogSoftmax(x, -1),
            "clamp" => x.Clamp(-1.5, 2.0),
            _ => throw new ArgumentException(name),
        };
        TensorAssert.Close(Fixture.Tensor(name), actual, 1e-6, 1e-5, name);
    }

    [Fact]
    public void GeluVariantsDiffer()
    {
        // guards against both variants silently mapping to the same kernel
        using var scope = DisposeScope.Enter();
        var x = Fixture.Tensor("x");
        Assert.False(x.Gelu().AllClose(x.Gelu(tanhApproximation: true), 0, 1e-7));
    }
}
