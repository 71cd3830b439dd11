using VideoPipe.Parity;
using Xunit.Abstractions;

namespace VideoPipe.Plugins.Cdt.Tests;

public sealed class GoldenParityTests(ITestOutputHelper output)
{
    [Fact]
    public void DiscoversBothReleasedVariantCases()
    {
        var cases = GoldenCases.All().Select(Path.GetFileName).ToList();
        Assert.Contains("tiny_base", cases);
        Assert.Contains("tiny_small", cases);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryGoldenStepPasses(string relativeCaseDir)
    {
        var results = ParityRunner.Run(GoldenCases.Named(relativeCaseDir), new CdtFamily());
        foreach (var r in results)
        {
            output.WriteLine(r.ToString());
        }

        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.True(r.Passed, r.ToString()));
    }

    public static TheoryData<string> Cases() => GoldenCases.Theory();
}
