using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VideoPipe.Media.Processes;
using VideoPipe.Media.Writing;

namespace VideoPipe.Media;

/// <summary>
/// Encodes packed RGB24 frames with ffmpeg. Call <see cref="CompleteAsync"/> to finish; disposing without
/// completing (an exception, a cancel) kills ffmpeg and leaves no output file behind.
/// </summary>
public sealed class VideoWriter : IAsyncDisposable
{
    private readonly VideoWriteOptions options;
    private readonly WriteTarget target;
    private readonly ToolProcess process;
    private readonly ItemDeadline deadline;
    private readonly Task pump;
    private bool finished;

    private VideoWriter(WriteTarget target, VideoWriteOptions options, MediaTools? tools, ILogger? logger)
    {
        options.Validate();
        this.options = options;
        this.target = target;
        var container = WriteArguments.ContainerFor(target is WriteTarget.File ? target.DisplayName : null, options);
        deadline = new ItemDeadline(options.Timeout, CancellationToken.None);
        process = ToolProcess.Start((tools ?? MediaTools.Default).Ffmpeg,
            WriteArguments.Build(options, container, target.FfmpegOutput, target.Seekable), logger ?? NullLogger.Instance);
        deadline.Token.Register(process.Kill);
        pump = target.PumpAsync(process.StandardOutput, CancellationToken.None);
    }

    public string Path => target.DisplayName;

    public long FramesWritten { get; private set; }

    /// <summary>Writes to a file (via a temporary name, renamed on success); "-" writes to standard output.</summary>
    public static VideoWriter Create(string path, VideoWriteOptions options, MediaTools? tools = null, ILogger? logger = null) =>
        path == "-"
            ? Create(Console.OpenStandardOutput(), options, tools, logger)
            : new VideoWriter(new WriteTarget.File(path), options, tools, logger);

    /// <summary>Writes the container to a stream (matroska unless <see cref="VideoWriteOptions.Container"/> says otherwise; mp4 is fragmented).</summary>
    public static VideoWriter Create(Stream output, VideoWriteOptions options, MediaTools? tools = null, ILogger? logger = null) =>
        new(new WriteTarget.Piped(output, "<stream>"), options with { Container = options.Container ?? VideoContainer.Matroska }, tools, logger);

    public ValueTask WriteAsync(VideoFrame frame, CancellationToken cancellationToken = default) =>
        frame.Width == options.Width && frame.Height == options.Height
            ? WriteAsync(frame.Pixels, cancellationToken)
            : throw new ArgumentException($"Frame is {frame.Width}x{frame.Height}, the writer expects {options.Width}x{options.Height}.", nameof(frame));

    /// <summary>Writes one frame of Height×Width×3 bytes.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> rgb, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(finished, this);
        if (rgb.Length != options.FrameBytes)
        {
            throw new ArgumentException($"A {options.Width}x{options.Height} RGB24 frame has {options.FrameBytes} bytes, got {rgb.Length}.", nameof(rgb));
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        // A write blocked on a full pipe does not observe the token; killing ffmpeg releases it.
        using var killOnCancel = linked.Token.Register(process.Kill);
        try
        {
            await process.StandardInput.WriteAsync(rgb, linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            await FailAsync(e, cancellationToken).ConfigureAwait(false);
        }

        FramesWritten++;
    }

    /// <summary>Flushes, waits for ffmpeg and moves the file into place.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(finished, this);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var killOnCancel = linked.Token.Register(process.Kill);
        int exitCode;
        try
        {
            process.StandardInput.Close();
            exitCode = await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
            await pump.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            await FailAsync(e, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (exitCode != 0)
        {
            await AbortAsync().ConfigureAwait(false);
            throw new VideoOutputException(Path, $"ffmpeg failed with exit code {exitCode} after {FramesWritten} frames", process.Tail.ToString());
        }

        target.Commit();
        finished = true;
        await process.DisposeAsync().ConfigureAwait(false);
        deadline.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (!finished)
        {
            await AbortAsync().ConfigureAwait(false);
        }
    }

    private async Task FailAsync(Exception cause, CancellationToken callerToken)
    {
        var timedOut = deadline.TimedOut;
        await AbortAsync().ConfigureAwait(false);
        callerToken.ThrowIfCancellationRequested();
        var reason = timedOut
            ? $"writing did not finish within {options.Timeout}"
            : $"ffmpeg stopped accepting frames after {FramesWritten} ({cause.Message})";
        throw new VideoOutputException(Path, reason, process.Tail.ToString(), cause);
    }

    private async Task AbortAsync()
    {
        finished = true;
        process.Kill();
        await process.DisposeAsync().ConfigureAwait(false);
        try
        {
            await pump.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The copy ends with the killed process; its error is not the one to report.
        }

        target.Discard();
        deadline.Dispose();
    }
}
