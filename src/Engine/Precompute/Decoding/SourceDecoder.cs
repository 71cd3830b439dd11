using Microsoft.Extensions.Logging;
using VideoPipe.Engine.Stages;
using VideoPipe.Media;
using VideoPipe.Media.Reading;
using VideoPipe.Engine;

namespace VideoPipe.Precompute;

/// <summary>
/// Decodes one source into its clips (ffmpeg via <see cref="VideoReader"/>), with bounded attempts and a per-clip
/// time limit; unreadable sources end as <see cref="SourceQuarantined"/> instead of failing the run.
/// </summary>
internal sealed class SourceDecoder(RunContext run, VideoProber prober, VideoReader reader, LowPriorityLauncher launcher, ILogger logger)
{
    public async Task DecodeAsync(SourceVideo source, Func<SourceMessage, CancellationToken, ValueTask> emit, CancellationToken cancellationToken)
    {
        if (run.PriorState.QuarantinedSources.ContainsKey(source.Key) || IsSettledByLedger(source))
        {
            await emit(new SourceCompleted(source, null, [], SkippedByLedger: true, []), cancellationToken);
            return;
        }

        var emitted = new HashSet<int>();
        var itemIds = new List<string>();
        SourceFacts? facts = null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                facts ??= await IdentifyAsync(source, cancellationToken);
                var warnings = new List<string>();
                await ReadClipsAsync(source, facts, emitted, itemIds, warnings, emit, cancellationToken);
                await emit(new SourceCompleted(source, facts, itemIds, SkippedByLedger: false, warnings), cancellationToken);
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not SystemicFaultException)
            {
                var reason = Describe(ex);
                if (attempt < run.Options.MaxAttempts && IsWorthRetrying(ex))
                {
                    logger.LogWarning("{Source}: decode attempt {Attempt} failed: {Reason}", source.Key, attempt, reason);
                    await emit(new AttemptFailed(source, null, attempt, reason), cancellationToken);
                    continue;
                }

                logger.LogWarning("{Source}: quarantined after {Attempts} attempt(s): {Reason}", source.Key, attempt, reason);
                await emit(new SourceQuarantined(source, reason, attempt), cancellationToken);
                return;
            }
        }
    }

    /// <summary>A source the ledger recorded as finished, unchanged on disk, with every output still valid.</summary>
    private bool IsSettledByLedger(SourceVideo source)
    {
        if (!run.PriorState.SourcesDone.TryGetValue(source.Key, out var record) || record.Items is null)
        {
            return false;
        }

        var file = new FileInfo(source.FullPath);
        return file.Exists && file.Length == record.SourceBytes && file.LastWriteTimeUtc.Ticks == record.SourceModifiedTicks
            && record.Items.All(id => run.IsSettled(id, out _));
    }

    private async Task<SourceFacts> IdentifyAsync(SourceVideo source, CancellationToken cancellationToken)
    {
        var file = new FileInfo(source.FullPath);
        if (!file.Exists)
        {
            throw new VideoInputException(source.FullPath, VideoInputErrorKind.NotFound, "file not found");
        }

        var (bytes, ticks) = (file.Length, file.LastWriteTimeUtc.Ticks);
        if (run.PriorState.SourcesDone.TryGetValue(source.Key, out var known) && known.Sha256 is { } sha
            && known.SourceBytes == bytes && known.SourceModifiedTicks == ticks)
        {
            return new SourceFacts(sha, bytes, ticks);
        }

        return new SourceFacts(await ContentHasher.Sha256Async(source.FullPath, cancellationToken), bytes, ticks);
    }

    /// <param name="warnings">Collects what ffmpeg complained about in a read judged complete by its frames.</param>
    private async Task ReadClipsAsync(SourceVideo source, SourceFacts facts, HashSet<int> emitted, List<string> itemIds, List<string> warnings,
        Func<SourceMessage, CancellationToken, ValueTask> emit, CancellationToken cancellationToken)
    {
        var options = run.Options;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.ItemTimeout);
        try
        {
            var info = await prober.ProbeAsync(source.FullPath, new ProbeOptions { Timeout = options.ItemTimeout }, deadline.Token);
            var bucket = options.Buckets.Count == 0 ? null : Bucket.Nearest(options.Buckets, new FrameSize(info.DisplayWidth, info.DisplayHeight));
            var windowing = bucket?.ClipFrames(run.Card.FrameRule) is { } bucketFrames
                ? new ClipWindowing(bucketFrames, options.ClipStride ?? bucketFrames, run.Card.FrameRule) { MaxClipFrames = options.MaxClipFrames }
                : run.Configuration.Windowing;
            var sourceFps = info.AverageFrameRate.IsKnown ? info.AverageFrameRate.ToDouble() : info.RealFrameRate.IsKnown ? info.RealFrameRate.ToDouble() : double.NaN;
            // Media's one resize/crop rule: cover --size and cut its centre, or trim the source to the alignment.
            var readOptions = new VideoReadOptions
            {
                TargetFrameRate = options.Fps is { } fps ? Rational.FromDouble(fps) : null,
                Cover = bucket?.Size ?? options.Size,
                SizeMultiple = bucket is null && options.Size is null ? run.Card.SpatialAlignment : 1,
                Fit = SizeFitMode.CenterCrop,
                BlockSize = 8,
                OnDamage = DamagePolicy.JudgeByFrames,
                OnWarning = warnings.Add,
            };
            var framing = new SourceFraming(new FrameSize(info.DisplayWidth, info.DisplayHeight), OutputGeometry.For(info, readOptions));
            var context = new ClipContext(source, facts, framing, sourceFps, options.Fps ?? sourceFps, bucket);
            using var assembler = new ClipAssembler(windowing, framing);
            // An exact streaming family encodes a whole video chunk by chunk: it is never held whole, so no cap applies.
            using var chunker = windowing.WholeVideo && run.Configuration.StreamsWholeVideos ? new WholeVideoChunker(run.Card.FrameRule, framing) : null;
            // ffmpeg starts below the encoder's priority.
            await foreach (var decoded in launcher.ReadAsync(reader, info, readOptions, deadline.Token))
            {
                using (var block = decoded)
                {
                    foreach (var frame in block)
                    {
                        if (chunker is not null)
                        {
                            chunker.Add(frame);
                            if (!emitted.Contains(0) && chunker.TakeChunk() is { } chunk)
                            {
                                await EmitPausingDeadlineAsync(new ClipChunkToEncode(source, chunk), emit, deadline, cancellationToken);
                            }

                            continue;
                        }

                        if (windowing.WholeVideoTooLong(frame.Index + 1))
                        {
                            throw new ClipTooLongException(source.Key, windowing.MaxClipFrames);
                        }

                        assembler.Add(frame);
                        if (windowing.WindowEndingAt(frame.Index) is { } window)
                        {
                            await EmitAsync(context, assembler, window, emitted, itemIds, emit, deadline, cancellationToken);
                        }
                    }
                }
            }

            if (chunker is not null)
            {
                await EndStreamAsync(context, chunker, emitted, itemIds, emit, deadline, cancellationToken);
            }
            else if (windowing.WholeVideo)
            {
                var whole = windowing.WholeVideoWindow(assembler.FramesSeen) ?? throw TooFewForTheRule(source, assembler.FramesSeen);
                await EmitAsync(context, assembler, whole, emitted, itemIds, emit, deadline, cancellationToken);
            }
            else if (emitted.Count == 0)
            {
                throw new VideoInputException(source.FullPath, VideoInputErrorKind.InvalidDimensions, $"{assembler.FramesSeen} sampled frames are too few for one {windowing.ClipFrames}-frame clip");
            }
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"decoding took longer than the item timeout {options.ItemTimeout}", ex);
        }
    }

    private async Task EmitAsync(ClipContext context, ClipAssembler assembler, ClipWindow window, HashSet<int> emitted, List<string> itemIds, Func<SourceMessage, CancellationToken, ValueTask> emit, CancellationTokenSource deadline, CancellationToken cancellationToken)
    {
        if (emitted.Contains(window.Index))
        {
            return;
        }

        var itemId = ItemId.ForFrames(context.Source.Key, context.Facts.Sha256, window.Start, window.Frames);
        SourceMessage message;
        if (run.IsSettled(itemId, out var quarantined))
        {
            message = new ClipAlreadySettled(context.Source, itemId, window, quarantined, context.Bucket?.Name);
        }
        else
        {
            var (video, indices, pts) = assembler.Take(window);
            message = new ClipToEncode(Describe(context, itemId, window, indices, pts), video);
        }

        await EmitPausingDeadlineAsync(message, emit, deadline, cancellationToken);
        emitted.Add(window.Index);
        itemIds.Add(itemId);
    }

    /// <summary>Closes a streamed whole-video clip: its last admitted frames, then the clip as it turned out.</summary>
    private async Task EndStreamAsync(ClipContext context, WholeVideoChunker chunker, HashSet<int> emitted, List<string> itemIds, Func<SourceMessage, CancellationToken, ValueTask> emit, CancellationTokenSource deadline, CancellationToken cancellationToken)
    {
        if (emitted.Contains(0))
        {
            return;
        }

        if (chunker.TakeTail() is { } tail)
        {
            await EmitPausingDeadlineAsync(new ClipChunkToEncode(context.Source, tail), emit, deadline, cancellationToken);
        }

        if (chunker.FramesChunked == 0)
        {
            throw TooFewForTheRule(context.Source, chunker.FramesSeen);
        }

        var window = chunker.Window;
        var itemId = ItemId.ForFrames(context.Source.Key, context.Facts.Sha256, window.Start, window.Frames);
        var settled = run.IsSettled(itemId, out var quarantined) ? new ClipAlreadySettled(context.Source, itemId, window, quarantined, context.Bucket?.Name) : null;
        var clip = Describe(context, itemId, window, chunker.FrameIndices, chunker.FramePts) with { StreamedChunks = chunker.Plan };
        await EmitPausingDeadlineAsync(new ClipStreamEnded(clip, settled), emit, deadline, cancellationToken);
        emitted.Add(window.Index);
        itemIds.Add(itemId);
    }

    private static ClipDescriptor Describe(ClipContext context, string itemId, ClipWindow window, IReadOnlyList<long> indices, IReadOnlyList<double> pts) => new()
    {
        ItemId = itemId,
        Source = context.Source,
        Facts = context.Facts,
        Window = window,
        FrameIndices = context.Resampled ? pts.Select(t => (long)Math.Round(t * context.SourceFps)).ToList() : indices,
        FramePts = pts,
        SourceFps = context.SourceFps,
        SampledFps = context.SampledFps,
        Framing = context.Framing,
        Bucket = context.Bucket?.Name,
    };

    /// <summary>Waiting for the encoder is back-pressure, not decode time: the item timer pauses meanwhile.</summary>
    private async Task EmitPausingDeadlineAsync(SourceMessage message, Func<SourceMessage, CancellationToken, ValueTask> emit, CancellationTokenSource deadline, CancellationToken cancellationToken)
    {
        deadline.CancelAfter(Timeout.InfiniteTimeSpan);
        try
        {
            await emit(message, cancellationToken);
        }
        catch
        {
            (message as IDisposable)?.Dispose();
            throw;
        }

        deadline.CancelAfter(run.Options.ItemTimeout);
    }

    private VideoInputException TooFewForTheRule(SourceVideo source, long frames) =>
        new(source.FullPath, VideoInputErrorKind.InvalidDimensions, $"{frames} frames are too few for the frame rule {run.Card.FrameRule}");

    private static bool IsWorthRetrying(Exception ex) => ex switch
    {
        VideoInputException input => input.Kind is VideoInputErrorKind.Timeout or VideoInputErrorKind.DecoderFailed,
        TimeoutException or IOException => true,
        _ => false,
    };

    private static string Describe(Exception ex) => ex switch
    {
        VideoInputException input => $"{input.Kind}: {input.Reason}",
        ClipTooLongException tooLong => $"ClipTooLong: {tooLong.Message}",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };

    private sealed record ClipContext(SourceVideo Source, SourceFacts Facts, SourceFraming Framing, double SourceFps, double SampledFps, Bucket? Bucket)
    {
        public bool Resampled => Math.Abs(SampledFps - SourceFps) > 1e-9 && double.IsFinite(SourceFps);
    }
}
