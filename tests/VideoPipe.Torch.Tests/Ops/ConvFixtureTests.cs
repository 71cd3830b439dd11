using VideoPipe.Torch.Tests.Support;

namespace VideoPipe.Torch.Tests.Ops;

/// <summary>conv1d/2d/3d and conv_transpose2d/3d against torch 1.13's F.conv* (fixtures), on both kernels.</summary>
public class ConvFixtureTests
{
    private static readonly FixtureFile Fixture = FixtureFile.Load("conv");

    public static TheoryData<string, ConvKernel> Cases()
    {
        var data = new TheoryData<string, ConvKernel>();
        foreach (var name in Fixture.CaseNames)
        {
            data.Add(name, ConvKernel.Auto);
            data.Add(name, ConvKernel.Torch);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesTorch(string name, ConvKernel kernel)
    {
        var c = Fixture.Case(name);
        using var scope = DisposeScope.Enter();
        var x = Fixture.Tensor(name + ".x");
        var w = Fixture.Tensor(name + ".w");
        var b = Fixture.Tensor(name + ".b");
        var stride = FixtureFile.Longs(c.GetProperty("stride"));
        var padding = FixtureFile.Longs(c.GetProperty("padding"));
        var dilation = FixtureFile.Longs(c.GetProperty("dilation"));
        var groups = c.GetProperty("groups").GetInt64();
        var actual = c.GetProperty("transposed").GetBoolean()
            ? Functional.ConvTranspose(x, w, b, stride, padding, FixtureFile.Longs(c.GetProperty("output_padding")), groups, dilation, kernel)
            : Functional.Conv(x, w, b, stride, padding, dilation, groups, kernel);
        TensorAssert.Close(Fixture.Tensor(name + ".out"), actual, 1e-5, 1e-4, $"{name} ({kernel})");
    }

    [Fact]
    public void ShortcutsMatchTheGeneralForm()
    {
        using var scope = DisposeScope.Enter();
        var x = Fixture.Tensor("conv3d_plain.x");
        var w = Fixture.Tensor("conv3d_plain.w");
        var b = Fixture.Tensor("conv3d_plain.b");
        TensorAssert.Close(Fixture.Tensor("conv3d_plain.out"), Functional.Conv3d(x, w, b, padding: 1), 1e-5, 1e-4);

        var x2 = Fixture.Tensor("conv2d_plain.x");
        var w2 = Fixture.Tensor("conv2d_plain.w");
        var b2 = Fixture.Tensor("conv2d_plain.b");
        TensorAssert.Close(Fixture.Tensor("conv2d_plain.out"), Functional.Conv2d(x2, w2, b2, padding: 1), 1e-5, 1e-4);

        var xt = Fixture.Tensor("convT3d_up.x");
        var wt = Fixture.Tensor("convT3d_up.w");
        var bt = Fixture.Tensor("convT3d_up.b");
        TensorAssert.Close(Fixture.Tensor("convT3d_up.out"), Functional.ConvTranspose3d(xt, wt, bt, stride: 2, padding: 1, outputPadding: 1), 1e-5, 1e-4);
    }
}
