using VideoPipe.Parity;
using Xunit.Abstractions;

namespace VideoPipe.Plugins.IvVae.Tests;

public sealed class GoldenParityTests
{
    private readonly ITestOutputHelper output;

    public GoldenParityTests(ITestOutputHelper output) => this.output = output;

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in SharedPaths.IvVaeCaseDirs())
        {
            data.Add(Path.GetRelativePath(SharedPaths.IvVaeGoldens, dir));
        }

        return data;
    }

    /// <summary>The cases of encode and decode steps only (no training steps).</summary>
    public static TheoryData<string> InferenceCases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in SharedPaths.IvVaeCaseDirs().Where(d => GoldenCase.Load(d).Steps.All(s => s.Op is "encode" or "decode")))
        {
            data.Add(Path.GetRelativePath(SharedPaths.IvVaeGoldens, dir));
        }

        return data;
    }

    [Fact]
    public void AtLeastOneCaseIsDiscovered() => Assert.NotEmpty(SharedPaths.IvVaeCaseDirs());

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryGoldenStepPasses(string caseName)
    {
        var results = ParityRunner.Run(Path.Combine(SharedPaths.IvVaeGoldens, caseName), new IvVaeFamily());
        foreach (var r in results)
        {
            output.WriteLine(r.ToString());
        }

        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.True(r.Passed, r.ToString()));
    }
}
