using VideoPipe.Torch.Tests.Support;

namespace VideoPipe.Torch.Tests.Ops;

/// <summary>F.pad constant (with value, with negative crops), replicate and reflect, 4-D and 5-D, against torch 1.13.</summary>
public class PadFixtureTests
{
    private static readonly FixtureFile Fixture = FixtureFile.Load("pad");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in Fixture.CaseNames)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesTorch(string name)
    {
        var c = Fixture.Case(name);
        var mode = c.GetProperty("mode").GetString() switch
        {
            "constant" => PadMode.Constant,
            "replicate" => PadMode.Replicate,
            "reflect" => PadMode.Reflect,
            var other => throw new ArgumentException(other),
        };
        using var scope = DisposeScope.Enter();
        var x = Fixture.Tensor(c.GetProperty("input").GetString()!);
        var actual = Functional.Pad(x, FixtureFile.Longs(c.GetProperty("pads")), mode, c.GetProperty("value").GetDouble());
        TensorAssert.Equal(Fixture.Tensor(name), actual, name);
    }
}
