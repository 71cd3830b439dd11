using VideoPipe.Parity;
using Xunit.Abstractions;

namespace VideoPipe.Plugins.OdVae.Tests;

public class GoldenParityTests(ITestOutputHelper output)
{
    [Fact]
    public void GoldenCasesExist() => Assert.NotEmpty(SharedData.CaseDirs());

    [Theory]
    [MemberData(nameof(SharedData.CaseDirs), MemberType = typeof(SharedData))]
    public void EveryGoldenStepPasses(string caseDir)
    {
        var results = ParityRunner.Run(Path.Combine(SharedData.GoldensDir, caseDir), new OdVaeFamily());
        foreach (var r in results)
        {
            output.WriteLine(r.ToString());
        }

        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.True(r.Passed, r.ToString()));
    }
}
