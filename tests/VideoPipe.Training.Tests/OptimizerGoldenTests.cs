using VideoPipe.Parity;
using Xunit.Abstractions;

namespace VideoPipe.Training.Tests;

/// <summary>Every optimizer golden case (torch.optim steps with gradient clipping) passes.</summary>
public sealed class OptimizerGoldenTests(ITestOutputHelper output)
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in SharedGoldenCases.Of("optim"))
        {
            data.Add(Path.GetRelativePath(SharedGoldenCases.Root, dir));
        }

        return data;
    }

    [Fact]
    public void AtLeastOneCaseIsDiscovered() => Assert.NotEmpty(Cases());

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryOptimizerStepMatchesTorch(string caseDir)
    {
        var results = OptimizerStepsCase.Run(GoldenCase.Load(Path.Combine(SharedGoldenCases.Root, caseDir)));
        foreach (var r in results)
        {
            output.WriteLine(r.ToString());
        }

        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.True(r.Passed, r.ToString()));
    }
}
