using VideoPipe.Torch.Tests.Support;

namespace VideoPipe.Torch.Tests.Ops;

/// <summary>
/// F.interpolate (nearest, nearest-exact, linear, bilinear, trilinear; by size and by scale factor; with and
/// without align_corners) against torch 1.13 (fixtures).
/// </summary>
public class InterpolateFixtureTests
{
    private static readonly FixtureFile Fixture = FixtureFile.Load("interpolate");

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
        var spatial = c.GetProperty("spatial").GetInt32();
        var mode = c.GetProperty("mode").GetString() switch
        {
            "nearest" => InterpolationMode.Nearest,
            "nearest-exact" => InterpolationMode.NearestExact,
            "linear" => InterpolationMode.Linear,
            "bilinear" => InterpolationMode.Bilinear,
            "trilinear" => InterpolationMode.Trilinear,
            var other => throw new ArgumentException(other),
        };
        var alignCorners = c.GetProperty("align_corners").GetBoolean();
        using var scope = DisposeScope.Enter();
        var x = Fixture.Tensor($"x{spatial}d");
        var size = c.GetProperty("size");
        var actual = size.ValueKind == System.Text.Json.JsonValueKind.Array
            ? Functional.Interpolate(x, FixtureFile.Longs(size), mode, alignCorners)
            : Functional.Interpolate(x, FixtureFile.Doubles(c.GetProperty("scale")), mode, alignCorners);
        TensorAssert.Close(Fixture.Tensor(name), actual, 1e-6, 1e-5, name);
    }
}
