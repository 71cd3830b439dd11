using System.Buffers;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VideoPipe.Media.Processes;
using VideoPipe.Media.Reading;

namespace VideoPipe.Media;

/// <summary>
/// Decodes a video with ffmpeg into blocks of RGB24 frames. One ffmpeg child per read; it is killed and reaped
/// when the read ends, fails, is cancelled or the consumer stops enumerating.
/// </summary>
public sealed class VideoReader(MediaTools? tools = null, ILogger<VideoReader>? logger = null, ArrayPool<byte>? pool = null)
{
    private static readonly TimeSpan FeedShutdownGrace = TimeSpan.FromSeconds(5);

    private readonly MediaTools tools = tools ?? MediaTools.Default;
    private readonly ILogger logger = logger ?? NullLogger<VideoReader>.Instance;
    private readonly ArrayPool<byte> pool = pool ?? ArrayPool<byte>.Shared;
    private readonly VideoProber prober = new(tools);

    /// <summary>Reads a file; "-" reads standard input.</summary>
    public IAsyncEnumerable<FrameBlock> ReadAsync(string path, VideoReadOptions? options = null, CancellationToken cancellationToken = default) =>
        path == "-"
            ? ReadAsync(Console.OpenStandardInput(), options, cancellationToken)
            : Guarded(path, options, (validated, token) => ReadFileCoreAsync(path, null, validated, token), cancellationToken);

    /// <summary>Reads a file that was already probed (saves one ffprobe run).</summary>
    public IAsyncEnumerable<FrameBlock> ReadAsync(VideoInfo probed, VideoReadOptions? options = null, CancellationToken cancellationToken = default) =>
        Guarded(probed.Path, options, (validated, token) => ReadFileCoreAsync(probed.Path, probed, validated, token), cancellationToken);

    /// <summary>Reads a container stream (e.g. nut or matroska on stdin). The first bytes are buffered for probing.</summary>
    public IAsyncEnumerable<FrameBlock> ReadAsync(Stream input, VideoReadOptions? options = null, CancellationToken cancellationToken = default) =>
        ReadAsync(input, "<stream>", null, options, cancellationToken);

    /// <summary>
    /// Reads a container stream that errors call <paramref name="displayName"/>; <paramref name="probed"/> receives
    /// ffprobe's description of the stream's first bytes (size, frame rate) before the first block.
    /// </summary>
    public IAsyncEnumerable<FrameBlock> ReadAsync(Stream input, string displayName, Action<VideoInfo>? probed, VideoReadOptions? options = null, CancellationToken cancellationToken = default) =>
        Guarded(displayName, options, (validated, token) => ReadStreamCoreAsync(input, displayName, probed, validated, token), cancellationToken);

    private static async IAsyncEnumerable<FrameBlock> Guarded(
        string path, VideoReadOptions? options, Func<VideoReadOptions, CancellationToken, IAsyncEnumerable<FrameBlock>> read,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        options ??= VideoReadOptions.Default;
        options.Validate();
        using var deadline = new ItemDeadline(options.Timeout, cancellationToken);
        await using var blocks = read(options, deadline.Token).GetAsyncEnumerator(deadline.Token);
        while (true)
        {
            try
            {
                if (!await blocks.MoveNextAsync().ConfigureAwait(false))
                {
                    yield break;
                }
            }
            catch (OperationCanceledException e) when (deadline.TimedOut)
            {
                throw new VideoInputException(path, VideoInputErrorKind.Timeout, $"reading did not finish within {options.Timeout}", inner: e);
            }

            yield return blocks.Current;
        }
    }

    private async IAsyncEnumerable<FrameBlock> ReadFileCoreAsync(string path, VideoInfo? probed, VideoReadOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        InputFileCheck.RequireNonEmptyFile(path);
        var info = probed ?? await prober.ProbeAsync(path, new ProbeOptions { Timeout = options.Timeout ?? ProbeOptions.Default.Timeout }, cancellationToken).ConfigureAwait(false);
        await foreach (var block in DecodeAsync(new ReadSource.File(path), info, options, cancellationToken).ConfigureAwait(false))
        {
            yield return block;
        }
    }

    private async IAsyncEnumerable<FrameBlock> ReadStreamCoreAsync(Stream input, string displayName, Action<VideoInfo>? probed, VideoReadOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var head = new byte[options.StreamProbeBytes];
        var headLength = await input.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        var info = await prober.ProbeHeadAsync(head.AsMemory(0, headLength), displayName, cancellationToken).ConfigureAwait(false);
        probed?.Invoke(info);
        await foreach (var block in DecodeAsync(new ReadSource.Piped(input, head.AsMemory(0, headLength), displayName), info, options, cancellationToken).ConfigureAwait(false))
        {
            yield return block;
        }
    }

    private async IAsyncEnumerable<FrameBlock> DecodeAsync(ReadSource source, VideoInfo info, VideoReadOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        InputValidation.Check(info, options.Limits);
        var plan = ReadPlanner.Create(info, options);
        var monitor = new DecodeMonitor();
        var process = ToolProcess.Start(tools.Ffmpeg, plan.ArgumentsFor(source.InputArgument), logger, monitor.Observe);
        _ = process.StderrCompleted.ContinueWith(_ => monitor.Complete(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        using var feedCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var feeding = source.FeedAsync(process, feedCancel.Token);
        var pending = new List<VideoFrame>(options.BlockSize);
        try
        {
            // Pipe reads are not reliably cancellable; killing ffmpeg ends them with end-of-file.
            using var killOnCancel = cancellationToken.Register(process.Kill);
            var frameBytes = plan.FrameBytes;
            var interval = TimeSpan.FromSeconds(1 / (options.TargetFrameRate ?? (info.AverageFrameRate.IsKnown ? info.AverageFrameRate : new Rational(25, 1))).ToDouble());
            var indexBase = options.StartFrame ?? 0;
            long delivered = 0;
            TimeSpan? lastPts = null;
            var endedMidFrame = false;
            DecodeMonitor.DamageSighting? stoppedAt = null;
            while (options.MaxFrames is not { } maxFrames || delivered < maxFrames)
            {
                var buffer = pool.Rent(frameBytes);
                var read = await process.StandardOutput.ReadAtLeastAsync(buffer.AsMemory(0, frameBytes), frameBytes, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (read < frameBytes)
                {
                    pool.Return(buffer);
                    endedMidFrame = read > 0;
                    break;
                }

                var (announced, pts) = await monitor.NextFrameAsync(cancellationToken).ConfigureAwait(false);
                if (monitor.Damage is { } damage && damage.FramesBefore <= delivered && options.OnDamage == DamagePolicy.Throw)
                {
                    pool.Return(buffer);
                    stoppedAt = damage;
                    break;
                }

                if (!announced)
                {
                    pool.Return(buffer);
                    throw new VideoInputException(source.DisplayName, VideoInputErrorKind.DecoderFailed, "ffmpeg wrote a frame but did not report its timestamp", process.Tail.ToString());
                }

                var framePts = pts is { } known ? known + plan.PtsOffset : (lastPts ?? plan.PtsOffset - interval) + interval;
                pending.Add(new VideoFrame(indexBase + delivered, framePts, plan.Width, plan.Height, buffer, pool));
                delivered++;
                lastPts = framePts;
                if (pending.Count == options.BlockSize)
                {
                    var block = new FrameBlock(pending);
                    pending = new List<VideoFrame>(options.BlockSize);
                    yield return block;
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            VideoInputException? failure;
            if (stoppedAt is not null)
            {
                // ffmpeg runs a little ahead of us; what it said up to now helps name the damage.
                process.Kill();
                await process.StderrCompleted.WaitAsync(FeedShutdownGrace, cancellationToken).ConfigureAwait(false);
                failure = ReadOutcome.FromDamage(source.DisplayName, stoppedAt, monitor.SawTruncationHint, process.Tail.ToString());
            }
            else
            {
                var exitCode = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                failure = ReadOutcome.Judge(new ReadOutcome.Facts(info, options, source.FullyProbed, exitCode, process.Tail.ToString(),
                    monitor.Damage, monitor.SawTruncationHint, endedMidFrame, delivered, lastPts));
            }

            if (pending.Count > 0)
            {
                var block = new FrameBlock(pending);
                pending = [];
                yield return block;
            }

            if (failure is not null)
            {
                if (options.OnDamage == DamagePolicy.Warn && failure.Kind is VideoInputErrorKind.Truncated or VideoInputErrorKind.Corrupt)
                {
                    logger.LogWarning("{Path}: {Reason}; delivered {Frames} frames ({Kind})", failure.Path, failure.Reason, delivered, failure.Kind);
                }
                else
                {
                    throw failure;
                }
            }
        }
        finally
        {
            foreach (var frame in pending)
            {
                frame.Dispose();
            }

            await feedCancel.CancelAsync().ConfigureAwait(false);
            await process.DisposeAsync().ConfigureAwait(false);
            try
            {
                await feeding.WaitAsync(FeedShutdownGrace, CancellationToken.None).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                logger.LogWarning("{Path}: the input stream did not stop within {Grace}", source.DisplayName, FeedShutdownGrace);
            }
        }
    }
}
