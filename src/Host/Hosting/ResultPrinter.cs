using VideoPipe.Engine;

namespace VideoPipe.Host;

/// <summary>The end-of-run summary on stdout: outcome, counts, quarantined items, validation errors.</summary>
internal static class ResultPrinter
{
    public static void Print(PipelineResult result)
    {
        foreach (var error in result.ValidationErrors)
        {
            Console.WriteLine(error);
        }

        if (result.Outcome == PipelineOutcome.Invalid)
        {
            Console.WriteLine($"{result.Pipeline}: invalid ({result.ValidationErrors.Count} error(s))");
            return;
        }

        Console.WriteLine($"{result.Pipeline}: {result.Outcome} - {result.ItemsCompleted}/{result.ItemsStarted} items, {result.Frames} frames in {result.Elapsed.TotalSeconds:F1} s (exit {result.ExitCode})");
        foreach (var item in result.Quarantined)
        {
            Console.WriteLine($"  quarantined {item.ItemId} ({item.SourcePath}) at {item.Stage}: {item.Reason}");
        }

        if (result.Failure is not null)
        {
            Console.WriteLine($"  failure: {result.Failure}");
        }
    }
}
