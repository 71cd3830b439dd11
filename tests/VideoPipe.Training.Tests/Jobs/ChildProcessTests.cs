using System.Diagnostics;
using VideoPipe.Jobs.Training;
using VideoPipe.Tests.Shared;

namespace VideoPipe.Training.Tests.Jobs;

/// <summary>`videopipe train` as a child process, killed with SIGKILL or stopped with SIGTERM after its first checkpoint.</summary>
[Collection(TrainingCollection.Name)]
public sealed class ChildProcessTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly TrainingRuns runs = new();

    public void Dispose() => runs.Dispose();

    [Fact]
    public void AKilledRunResumesToByteIdenticalWeights()
    {
        Assert.Equal(TrainingOutcome.Completed, runs.Start("whole", ["steps=6"]));
        using (var child = StartChild("killed", ["steps=6"]))
        {
            WaitForCheckpoint(child, "killed");
            child.Kill(); // SIGKILL: no handler runs, whatever was being written stays half-written
            child.WaitForExit();
        }

        Assert.NotEqual(6, new TrainingRunDirectory(runs.RunDirectory("killed")).LatestCheckpoint()!.Value.Step);
        Assert.Equal(TrainingOutcome.Completed, runs.Resume("killed"));
        runs.AssertSameState("whole", "killed");
    }

    [Fact]
    public void SigtermWritesACheckpointAndExits()
    {
        using var child = StartChild("terminated", ["steps=20"]);
        WaitForCheckpoint(child, "terminated");
        using (var kill = Process.Start("kill", ["-TERM", child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.True(child.WaitForExit(Patience), "the run did not exit after SIGTERM");
        Assert.Equal((int)TrainingOutcome.Stopped, child.ExitCode);
        var last = runs.Metrics("terminated").Max(r => (long)r["step"]!);
        Assert.True(last < 20);
        Assert.Equal(last, new TrainingRunDirectory(runs.RunDirectory("terminated")).LatestCheckpoint()!.Value.Step);
    }

    private Process StartChild(string name, string[] overrides)
    {
        var configuration = AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
        var host = Repository.Path("src", "Host", "bin", configuration, "net10.0", "videopipe.dll");
        var arguments = new List<string> { host, "train", Repository.Path("configs", "train", "smoke.json"), "--run-dir", runs.RunDirectory(name) };
        foreach (var o in runs.Overrides(overrides))
        {
            arguments.AddRange(["--set", o]);
        }

        var start = new ProcessStartInfo("dotnet", arguments) { RedirectStandardError = true, RedirectStandardOutput = true };
        var child = Process.Start(start)!;
        child.ErrorDataReceived += (_, _) => { };
        child.OutputDataReceived += (_, _) => { };
        child.BeginErrorReadLine();
        child.BeginOutputReadLine();
        return child;
    }

    private void WaitForCheckpoint(Process child, string name)
    {
        var run = new TrainingRunDirectory(runs.RunDirectory(name));
        var clock = Stopwatch.StartNew();
        while (run.LatestCheckpoint() is null)
        {
            Assert.False(child.HasExited, $"the child exited with {(child.HasExited ? child.ExitCode : 0)} before its first checkpoint");
            Assert.True(clock.Elapsed < Patience, "no checkpoint in time");
            Thread.Sleep(50);
        }
    }
}
