using VideoPipe.Parity;
using Xunit.Abstractions;

namespace VideoPipe.Training.Tests;

/// <summary>Every optimizer golden case (torch.optim steps with gradient clipping) passes.</summary>
public sealed class OptimizerGoldenTests(ITestOutputHelper output)
{
    public static TheoryData<string> Cases() => SharedGoldens.Cases("optim");

    [Fact]
    public void AtLeastOneCaseIsDiscovered() => Assert.NotEmpty(Cases());

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryOptimizerStepMatchesTorch(string caseDir)
    {
        var results = OptimizerStepsCase.Run(GoldenCase.Load(Path.Combine(SharedGoldens.Root, caseDir)));
        foreach (var r in results)
        {
            output.WriteLine(r.ToString());
        }

        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.True(r.Passed, r.ToString()));
    }
}
