using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace VideoPipe.Media.Processes;

/// <summary>
/// One tool child (ffmpeg, the videopipe-probe helper) with all three standard streams redirected (so it never inherits our stdin or
/// writes to our console). Stderr is read concurrently line by line into a bounded tail and an optional
/// observer. Disposing kills the whole process tree if it is still running and waits for it, so no zombie
/// or orphaned pipe survives a cancel, a timeout or an early break.
/// </summary>
internal sealed class ToolProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReapTimeout = TimeSpan.FromSeconds(10);

    private readonly Process process;
    private readonly Task stderrPump;
    private readonly ILogger logger;
    private int killed;
    private int disposed;

    private ToolProcess(Process process, Func<string, bool>? stderrObserver, ILogger logger)
    {
        this.process = process;
        this.logger = logger;
        stderrPump = StartStderrPump(stderrObserver);
    }

    public int Id => process.Id;

    public Stream StandardInput => process.StandardInput.BaseStream;

    public Stream StandardOutput => process.StandardOutput.BaseStream;

    public StderrTail Tail { get; } = new();

    public bool WasKilled => Volatile.Read(ref killed) != 0;

    /// <summary>How the child ended, once <see cref="DisposeAsync"/> has reaped it (null before, or when it would not exit).</summary>
    public int? ExitCode { get; private set; }

    /// <summary>Starts <paramref name="executable"/>. <paramref name="stderrObserver"/> sees every stderr line; returning true keeps the line out of the tail.</summary>
    public static ToolProcess Start(string executable, IEnumerable<string> arguments, ILogger logger, Func<string, bool>? stderrObserver = null)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new InvalidOperationException($"Cannot start '{executable}' ({e.Message}); install ffmpeg or set VIDEOPIPE_FFMPEG.", e);
        }

        PipeCapacity.TryEnlarge(process.StandardOutput.BaseStream, 1 << 20);
        PipeCapacity.TryEnlarge(process.StandardInput.BaseStream, 1 << 20);
        logger.LogDebug("Started {Tool} pid {Pid}: {Arguments}", executable, process.Id, string.Join(' ', startInfo.ArgumentList));
        return new ToolProcess(process, stderrObserver, logger);
    }

    /// <summary>Waits for the exit and for stderr to be fully read, then returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await stderrPump.WaitAsync(cancellationToken).ConfigureAwait(false);
        return process.ExitCode;
    }

    /// <summary>Waits until stderr reached end of file (the tool closed it, normally by exiting).</summary>
    public Task StderrCompleted => stderrPump;

    public void Kill()
    {
        if (Interlocked.Exchange(ref killed, 1) != 0)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
        catch (Win32Exception e)
        {
            logger.LogWarning(e, "Could not kill pid {Pid}", process.Id);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        bool exited;
        try
        {
            exited = process.HasExited;
        }
        catch (InvalidOperationException)
        {
            exited = true;
        }

        if (!exited)
        {
            Kill();
        }

        CloseQuietly(process.StandardInput.BaseStream);
        try
        {
            // WaitForExitAsync reaps the child; the stderr pump ends once the child's end of the pipe is closed.
            using var reap = new CancellationTokenSource(ReapTimeout);
            await process.WaitForExitAsync(reap.Token).ConfigureAwait(false);
            ExitCode = process.ExitCode;
            await stderrPump.WaitAsync(reap.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("pid {Pid} did not exit within {Timeout} after kill", process.Id, ReapTimeout);
        }

        CloseQuietly(process.StandardOutput.BaseStream);
        process.Dispose();
    }

    /// <summary>
    /// A dedicated thread with blocking reads: a showinfo read gets several small stderr writes per frame, and an
    /// async read loop would pay an epoll wake-up and a thread-pool hop for each of them.
    /// </summary>
    private Task StartStderrPump(Func<string, bool>? observer) =>
        DedicatedThread.Run("tool stderr", () =>
        {
            PumpStderr(observer);
            return true;
        });

    private void PumpStderr(Func<string, bool>? observer)
    {
        var reader = process.StandardError;
        try
        {
            while (reader.ReadLine() is { } line)
            {
                if (observer?.Invoke(line) != true)
                {
                    Tail.Add(line);
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe went away with the process.
        }
    }

    private static void CloseQuietly(Stream stream)
    {
        try
        {
            stream.Dispose();
        }
        catch (IOException)
        {
            // Broken pipe while flushing: the child is gone, nothing left to deliver.
        }
    }
}
