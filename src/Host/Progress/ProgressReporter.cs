using Microsoft.Extensions.Logging;
using Spectre.Console;
using VideoPipe.Engine;

namespace VideoPipe.Host;

/// <summary>
/// Shows a run's progress: a live Spectre.Console table on a terminal (items, frames/s, ETA, per-stage queue fill),
/// a structured log line every few seconds otherwise.
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
        await AnsiConsole.Live(Render(pipeline, monitor)).AutoClear(false).StartAsync(async context =>
        {
            while (!token.IsCancellationRequested)
            {
                context.UpdateTarget(Render(pipeline, monitor));
                await Task.WhenAny(Task.Delay(250, CancellationToken.None), Task.Delay(Timeout.Infinite, token));
            }

            context.UpdateTarget(Render(pipeline, monitor));
        });
    }

    private static Table Render(string pipeline, PipelineMonitor monitor)
    {
        var eta = monitor.EstimatedRemaining is { } e ? e.ToString(@"hh\:mm\:ss") : "--:--:--";
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]{Markup.Escape(pipeline)}[/]  items {monitor.ItemsFinished}/{monitor.ItemsTotal?.ToString() ?? "?"}  {monitor.Frames} frames  {monitor.FramesPerSecond:F1} frames/s  ETA {eta}")
            .AddColumn("stage").AddColumn("type").AddColumn(new TableColumn("done").RightAligned()).AddColumn(new TableColumn("busy").RightAligned()).AddColumn("queue");
        foreach (var stage in monitor.Stages)
        {
            table.AddRow(Markup.Escape(stage.Name), Markup.Escape(stage.Type), stage.Processed.ToString(), $"{stage.Busy}/{stage.Parallelism}", QueueBar(stage));
        }

        return table;
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
                logger.LogInformation("Progress {Pipeline}: items {Done}/{Total}, {Frames} frames, {FramesPerSecond:F1} frames/s, ETA {Eta}, queues {Queues}",
                    pipeline, monitor.ItemsFinished, monitor.ItemsTotal, monitor.Frames, monitor.FramesPerSecond, monitor.EstimatedRemaining,
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
