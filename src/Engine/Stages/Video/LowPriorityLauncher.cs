using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using VideoPipe.Media;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// Starts the decoder's ffmpeg processes at a lower CPU priority (nice), so a CPU encoder that uses every core keeps
/// them and decoding takes the cycles it leaves (or all of them while the encoder waits for clips). The start runs
/// on one dedicated thread, which then lowers the priority of the processes it started. Our own threads keep their
/// priority: a lowered thread would pass its value on to every thread it creates, thread-pool workers included.
/// </summary>
internal sealed class LowPriorityLauncher : IDisposable
{
    private readonly BlockingCollection<Action> starts = new();
    private readonly Thread? thread;

    /// <param name="nice">The nice value for started processes; 0 starts them inline, at our priority.</param>
    public LowPriorityLauncher(int nice)
    {
        Nice = nice;
        if (nice > 0 && OperatingSystem.IsLinux())
        {
            thread = new Thread(Work) { IsBackground = true, Name = "decoder launcher" };
            thread.Start();
        }
    }

    public int Nice { get; }

    /// <summary>
    /// Runs <paramref name="start"/> (whose synchronous part starts a process, e.g. a reader's first MoveNextAsync)
    /// on the launcher thread, lowers the priority of what it started, and returns its result.
    /// </summary>
    public Task<T> StartAsync<T>(Func<T> start)
    {
        if (thread is null)
        {
            return Task.FromResult(start());
        }

        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        starts.Add(() =>
        {
            try
            {
                var started = start();
                foreach (var child in ProcessPriority.ChildrenOfCurrentThread())
                {
                    ProcessPriority.Lower(child, Nice);
                }

                result.SetResult(started);
            }
            catch (Exception ex)
            {
                result.SetException(ex);
            }
        });
        return result.Task;
    }

    /// <summary>Reads a probed video; the first step starts ffmpeg, so it runs through the launcher.</summary>
    public async IAsyncEnumerable<FrameBlock> ReadAsync(VideoReader reader, VideoInfo info, VideoReadOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var blocks = reader.ReadAsync(info, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        for (var more = await StartAsync(() => blocks.MoveNextAsync().AsTask()).Unwrap(); more; more = await blocks.MoveNextAsync())
        {
            yield return blocks.Current;
        }
    }

    public void Dispose()
    {
        starts.CompleteAdding();
        thread?.Join();
        starts.Dispose();
    }

    private void Work()
    {
        foreach (var start in starts.GetConsumingEnumerable())
        {
            start();
        }
    }
}
