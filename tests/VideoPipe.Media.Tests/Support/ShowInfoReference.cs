using System.Diagnostics;
using VideoPipe.Media.Reading;

namespace VideoPipe.Media.Tests.Support;

/// <summary>
/// Runs the reader's own ffmpeg command for a read, but with showinfo logging every frame, and returns the pts it
/// reported (parsed as the reader parses them): the reference for timestamps the reader computes instead.
/// </summary>
internal static class ShowInfoReference
{
    public static async Task<List<TimeSpan>> TimestampsAsync(VideoInfo info, VideoReadOptions options)
    {
        var plan = ReadPlanner.Create(info, options);
        Assert.EndsWith(ReadPlanner.FirstFrameShowInfo, plan.FilterGraph);
        var everyFrame = plan with { FilterGraph = plan.FilterGraph.Replace(ReadPlanner.FirstFrameShowInfo, ReadPlanner.EveryFrameShowInfo, StringComparison.Ordinal) };
        var startInfo = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in everyFrame.ArgumentsFor("file:" + Path.GetFullPath(info.Path)))
        {
            startInfo.ArgumentList.Add(argument);
        }

        var monitor = new DecodeMonitor();
        using var process = Process.Start(startInfo)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        while (await process.StandardError.ReadLineAsync() is { } line)
        {
            monitor.Observe(line);
        }

        await process.WaitForExitAsync();
        await output;
        Assert.Equal(0, process.ExitCode);
        monitor.Complete();
        var timestamps = new List<TimeSpan>();
        while (monitor.TryTakeNextFrame(CancellationToken.None, out var pts))
        {
            timestamps.Add(Assert.NotNull(pts) + plan.PtsOffset);
        }

        return timestamps;
    }
}
