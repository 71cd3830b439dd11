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
    private readonly VideoProber prober = new();

    /// <summary>Reads a file; "-" reads standard input.</summary>
    public IAsyncEnumerable<FrameBlock> ReadAsync(string path, VideoReadOptions? options = null, CancellationToken cancellationToken = default) =>
        path == "-"
            ? ReadAsync(Console.OpenStandardInput(), options, cancellationToken)
            : Guarded(path, options, (validated, token) => ReadFileCoreAsync(path, null, validated, token), cancellationToken);

    /// <summary>Reads a file that was already probed (saves probing it again).</summary>
    public IAsyncEnumerable<FrameBlock> ReadAsync(VideoInfo probed, VideoReadOptions? options = null, CancellationToken cancellationToken = default) =>
        Guarded(probed.Path, options, (validated, token) => ReadFileCoreAsync(probed.Path, probed, validated, token), cancellationToken);

    /// <summary>Reads a container stream (e.g. nut or matroska on stdin). The first bytes are buffered for probing.</summary>
    public IAsyncEnumerable<FrameBlock> ReadAsync(Stream input, VideoReadOptions? options = null, CancellationToken cancellationToken = default) =>
        ReadAsync(input, "<stream>", null, options, cancellationToken);

    /// <summary>
    /// Reads a container stream that errors call <paramref name="displayName"/>; <paramref name="probed"/> receives
    /// the probe's description of the stream's first bytes (size, frame rate) before the first block.
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
        IFrameTimestamps timestamps = plan.GridRate is { } rate
            ? new FpsGridTimestamps(monitor, rate, plan.PtsOffset)
            : new AnnouncedTimestamps(monitor, plan.PtsOffset, TimeSpan.FromSeconds(1 / (info.AverageFrameRate.IsKnown ? info.AverageFrameRate : new Rational(25, 1)).ToDouble()));
        var producer = new FrameBlockProducer(process.StandardOutput, timestamps, monitor, plan, options, pool);
        using var stopProducing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producing = producer.Start(source.DisplayName, () => process.Tail.ToString(), stopProducing.Token);
        try
        {
            // Pipe reads are not reliably cancellable; killing ffmpeg ends them with end-of-file.
            using var killOnCancel = cancellationToken.Register(process.Kill);
            while (await producer.Blocks.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (producer.Blocks.TryRead(out var block))
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        block.Dispose();
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    yield return block;
                }
            }

            var produced = await producing.ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            VideoInputException? failure;
            if (produced.StoppedAt is { } stoppedAt)
            {
                // ffmpeg runs a little ahead of us; what it said up to now helps name the damage.
                process.Kill();
                await process.StderrCompleted.WaitAsync(FeedShutdownGrace, cancellationToken).ConfigureAwait(false);
                failure = ReadOutcome.FromDamage(source.DisplayName, stoppedAt, monitor.SawTruncationHint, process.Tail.ToString());
            }
            else
            {
                var exitCode = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                var facts = new ReadOutcome.Facts(info, options, source.FullyProbed, exitCode, process.Tail.ToString(),
                    monitor.Damage, monitor.SawTruncationHint, produced.EndedMidFrame, produced.Delivered, produced.LastPts);
                failure = ReadOutcome.Judge(facts);
                if (failure is not null && options.OnDamage == DamagePolicy.JudgeByFrames && ReadOutcome.AsWarning(facts) is { } warning)
                {
                    logger.LogWarning("{Path}: {Warning}", failure.Path, warning);
                    options.OnWarning?.Invoke(warning);
                    failure = null;
                }
            }

            if (failure is not null)
            {
                if (options.OnDamage == DamagePolicy.Warn && failure.Kind is VideoInputErrorKind.Truncated or VideoInputErrorKind.Corrupt)
                {
                    logger.LogWarning("{Path}: {Reason}; delivered {Frames} frames ({Kind})", failure.Path, failure.Reason, produced.Delivered, failure.Kind);
                }
                else
                {
                    throw failure;
                }
            }
        }
        finally
        {
            await stopProducing.CancelAsync().ConfigureAwait(false);
            await feedCancel.CancelAsync().ConfigureAwait(false);
            await process.DisposeAsync().ConfigureAwait(false);
            await StopProducerAsync(producer, producing).ConfigureAwait(false);
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

    /// <summary>After ffmpeg is gone the producer meets end of file and stops; blocks it made that nobody took go back to the pool.</summary>
    private async Task StopProducerAsync(FrameBlockProducer producer, Task producing)
    {
        try
        {
            await producing.WaitAsync(FeedShutdownGrace, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("The frame reader thread did not stop within {Grace}", FeedShutdownGrace);
        }
        catch (Exception)
        {
            // Its failure was already reported to the consumer, or nobody is listening any more.
        }

        producer.DiscardUntaken();
    }
}
