using VideoPipe.Tests.Shared;
using VideoPipe.Torch;

namespace VideoPipe.Engine.Tests;

/// <summary><c>videopipe verify --device</c>: the case runs where it is asked to, and a device that is not there is refused.</summary>
public sealed class VerifyCommandTests
{
    [Fact]
    public async Task A_case_runs_on_the_device_asked_for()
    {
        var run = await VideopipeProcess.RunAsync(["verify", OptimizerCase(), "--device", "cpu"]);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.StartsWith("device: cpu", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("PASS:", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_device_that_is_not_there_is_refused_not_replaced_by_the_cpu()
    {
        TorchRuntime.EnsureInitialized();
        var run = await VideopipeProcess.RunAsync(["verify", OptimizerCase(), "--device", $"cuda:{TorchRuntime.CudaDeviceCount}"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("requested but", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("PASS", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_device_is_refused()
    {
        var run = await VideopipeProcess.RunAsync(["verify", OptimizerCase(), "--device", "gpu"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown device 'gpu'", run.Stderr, StringComparison.Ordinal);
    }

    private static string OptimizerCase() =>
        Directory.GetDirectories(Path.Combine(Repository.Shared, "goldens", "optim")).Order(StringComparer.Ordinal).First();
}
