using Microsoft.Extensions.Logging;
using Spectre.Console;
using VideoPipe.Engine;

namespace VideoPipe.Host;

/// <summary>
/// Shows a run's progress on stderr (stdout may carry the video): a live Spectre.Console table on a terminal (items,
/// frames done of the total, frames/s, ETA, per-stage queue fill), a structured log line every few seconds with the
/// same numbers otherwise (CI, log files, and a run whose stdout is piped, which logs like a non-terminal run).
/// </summary>
internal sealed class ProgressReporter : IAsyncDisposable
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource done = new();
    private readonly Task loop;

    private ProgressReporter(string pipeline, PipelineMonitor monitor, ILogger logger) =>
        loop = Terminal.IsInteractive ? LiveAsync(pipeline, monitor, done.Token) : LogAsync(pipeline, monitor, logger, done.Token);

    public static ProgressReporter Start(string pipeline, PipelineMonitor monitor, ILogger logger) => new(pipeline, monitor, logger);

    private static async Task LiveAsync(string pipeline, PipelineMonitor monitor, CancellationToken token)
    {
        var stderr = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        await stderr.Live(Render(pipeline, monitor)).AutoClear(false).StartAsync(async context =>
        {
            while (!token.IsCancellationRequested)
            {
                context.UpdateTarget(Render(pipeline, monitor));
                await Task.WhenAny(Task.Delay(250, CancellationToken.None), Task.Delay(Timeout.Infinite, token));
            }

            context.UpdateTarget(Render(pipeline, monitor));
        });
    }

    /// <summary>The summary as a line of its own above the table (a table title would wrap to the table's width).</summary>
    private static Rows Render(string pipeline, PipelineMonitor monitor)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("stage").AddColumn("type").AddColumn(new TableColumn("done").RightAligned()).AddColumn(new TableColumn("busy").RightAligned()).AddColumn("queue");
        foreach (var stage in monitor.Stages)
        {
            table.AddRow(Markup.Escape(stage.Name), Markup.Escape(stage.Type), stage.Processed.ToString(), $"{stage.Busy}/{stage.Parallelism}", QueueBar(stage));
        }

        return new Rows(new Markup($"[bold]{Markup.Escape(pipeline)}[/]  {Markup.Escape(ProgressLine.Summary(monitor))}"), table);
    }

    private static string QueueBar(StageGauge stage)
    {
        if (stage.Capacity == 0)
        {
            return "-";
        }

        const int width = 10;
        var filled = (int)Math.Round(stage.QueueFill * width);
        var color = stage.QueueFill >= 1 ? "red" : stage.QueueFill >= 0.5 ? "yellow" : "green";
        return $"[{color}]{new string('#', filled)}[/]{new string('.', width - filled)} {stage.Queued}/{stage.Capacity}";
    }

    private static async Task LogAsync(string pipeline, PipelineMonitor monitor, ILogger logger, CancellationToken token)
    {
        using var timer = new PeriodicTimer(LogInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(token))
            {
                logger.LogInformation("Progress {Pipeline}: items {Items}, frames {Frames} ({FramesStage}), {FramesPerSecond} frames/s, ETA {Eta}, queues {Queues}",
                    pipeline, ProgressLine.Items(monitor), ProgressLine.Frames(monitor), monitor.FramesDoneStage ?? "none", ProgressLine.FramesPerSecond(monitor),
                    ProgressLine.Eta(monitor) ?? "unknown",
                    string.Join(" ", monitor.Stages.Where(s => s.Capacity > 0).Select(s => $"{s.Name}={s.Queued}/{s.Capacity}")));
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await done.CancelAsync();
        await loop;
        done.Dispose();
    }
}
