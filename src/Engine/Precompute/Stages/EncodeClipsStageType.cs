using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using VideoPipe.Abstractions;
using VideoPipe.Engine;
using VideoPipe.Torch;

namespace VideoPipe.Precompute;

/// <summary>
/// Encodes the dataset's decoded clips whole with its tokenizer (posterior, seed per item, scaling, encode settings),
/// with bounded attempts and a time limit per clip; a clip that keeps failing is quarantined alone. A streamed
/// whole-video clip goes chunk by chunk through the tokenizer's exact encode session (one attempt, a time limit per
/// call). Every other message of the source passes on in order.
/// </summary>
public sealed class EncodeClipsStageType : IDatasetStageType
{
    public string Name => "encode-clips";

    public string Description => "The dataset's clips to latents (whole-clip encode or an exact streaming session, attempts, per-clip quarantine).";

    public PortKind Input => DatasetPorts.Clips;

    public PortKind Output => DatasetPorts.EncodedClips;

    public bool UsesTokenizer => true;

    public bool OrderedInput => true;

    public IReadOnlyList<StageOption> Options { get; } =
    [
        DatasetPorts.DatasetOption,
        new("tokenizer", OptionKind.String, "the tokenizer (under $.tokenizers) that encodes; the dataset's own") { Required = true },
    ];

    public IStage Create(StageContext context) => throw new InvalidOperationException($"'{Name}' is created with its dataset by the pipeline runner");

    public IStage Create(StageContext context, DatasetRun dataset) =>
        new EncodeClipsStage(dataset, context.Tokenizer ?? throw new InvalidOperationException("encode-clips needs a tokenizer"), context);
}

internal sealed class EncodeClipsStage(DatasetRun dataset, ITokenizer tokenizer, StageContext context) : IItemStateStage, IDisposable
{
    private readonly MetadataFactory metadata = new(dataset.Configuration);
    private readonly ClipEncoder encoder = new(tokenizer, context.DeviceContext, dataset.Context.Options);
    private readonly ConcurrentDictionary<string, StreamedClip> streams = new(StringComparer.Ordinal);

    public async ValueTask ProcessAsync(StageMessage message, IStageEmitter output, CancellationToken cancellationToken)
    {
        ValueTask Emit(SourceMessage payload, bool last = false) =>
            output.EmitAsync(new StageMessage(message.Item, payload, last) { Sequence = message.Sequence }, cancellationToken);

        switch (message.Payload)
        {
            case ClipChunkToEncode chunk:
                using (chunk)
                {
                    await PushAsync(message.Item.Id, chunk.Frames, cancellationToken);
                }

                return;
            case ClipStreamEnded ended:
                await Emit(await EndStreamAsync(message.Item.Id, ended, cancellationToken), message.EndOfItem);
                return;
            case ClipToEncode clip:
                await Emit(await EncodeWholeAsync(clip, payload => Emit(payload), cancellationToken), message.EndOfItem);
                return;
            default:
                // Anything else of the source before its stream ended (a failed decode attempt, a quarantine) abandons it.
                Discard(message.Item.Id);
                await Emit((SourceMessage)message.Payload, message.EndOfItem);
                return;
        }
    }

    public void Discard(string itemId)
    {
        if (streams.TryRemove(itemId, out var stream))
        {
            stream.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var stream in streams.Values)
        {
            stream.Dispose();
        }

        streams.Clear();
    }

    private async Task<SourceMessage> EncodeWholeAsync(ClipToEncode clip, Func<SourceMessage, ValueTask> reportAttempt, CancellationToken cancellationToken)
    {
        var options = dataset.Context.Options;
        var seed = encoder.SeedFor(clip.Clip.ItemId);
        var encodeOptions = encoder.OptionsFor(seed);
        for (var attempt = 1; ; attempt++)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                var latent = await RunWithTimeoutAsync(() => encoder.Encode(clip.Video, encodeOptions), cancellationToken);
                return new ClipEncoded(clip.Clip, latent, metadata.Create(clip.Clip, latent, seed), attempt, watch.Elapsed.TotalSeconds);
            }
            catch (Exception ex) when (ex is not (SystemicFaultException or OperationCanceledException))
            {
                var reason = Reason(ex);
                if (attempt < options.MaxAttempts)
                {
                    context.Logger.LogWarning("{Item} ({Source}): attempt {Attempt} failed: {Reason}", clip.Clip.ItemId, clip.Clip.Source.Key, attempt, reason);
                    await reportAttempt(new AttemptFailed(clip.Clip.Source, clip.Clip.ItemId, attempt, reason));
                    continue;
                }

                context.Logger.LogWarning("{Item} ({Source}): quarantined after {Attempts} attempts: {Reason}", clip.Clip.ItemId, clip.Clip.Source.Key, attempt, reason);
                return new ClipQuarantined(clip.Clip, reason, attempt);
            }
        }
    }

    private async Task PushAsync(string itemId, Tensor chunk, CancellationToken cancellationToken)
    {
        var stream = streams.GetOrAdd(itemId, _ => new StreamedClip());
        if (stream.Failure is not null)
        {
            return;
        }

        try
        {
            stream.Session ??= encoder.BeginSession(encoder.OptionsFor(seed: null));
            await stream.RunAsync(() => RunWithTimeoutAsync(() => encoder.Push(stream.Session, chunk), cancellationToken));
        }
        catch (Exception ex) when (ex is not (SystemicFaultException or OperationCanceledException))
        {
            stream.Fail(Reason(ex));
        }
    }

    private async Task<SourceMessage> EndStreamAsync(string itemId, ClipStreamEnded ended, CancellationToken cancellationToken)
    {
        if (!streams.TryRemove(itemId, out var stream))
        {
            throw new InvalidOperationException($"{ended.Clip.ItemId}: the stream ended before any chunk arrived");
        }

        using (stream)
        {
            if (ended.Settled is { } settled)
            {
                return settled;
            }

            try
            {
                if (stream.Failure is null && stream.Session is { } session)
                {
                    await stream.RunAsync(() => RunWithTimeoutAsync(() => encoder.Complete(session), cancellationToken));
                    var latent = stream.Join();
                    return new ClipEncoded(ended.Clip, latent, metadata.Create(ended.Clip, latent, seed: null), Attempts: 1, stream.Seconds);
                }
            }
            catch (Exception ex) when (ex is not (SystemicFaultException or OperationCanceledException))
            {
                stream.Fail(Reason(ex));
            }

            var reason = stream.Failure ?? "encode: the session never opened";
            context.Logger.LogWarning("{Item} ({Source}): quarantined, its streamed encode failed (a streamed clip has one attempt): {Reason}", ended.Clip.ItemId, ended.Clip.Source.Key, reason);
            return new ClipQuarantined(ended.Clip, reason, 1);
        }
    }

    private static string Reason(Exception ex) => $"encode: {ex.GetType().Name}: {ex.Message}";

    /// <summary>
    /// Runs an (uninterruptible, native) encoder call off the pipeline thread. A call that overruns the item timeout
    /// fails the attempt, but the next attempt waits for it to return first; one that does not return within a
    /// second timeout means a hung device, a systemic fault.
    /// </summary>
    private async Task<T> RunWithTimeoutAsync<T>(Func<T> encode, CancellationToken abort)
        where T : IDisposable?
    {
        var timeout = dataset.Context.Options.ItemTimeout;
        var call = Task.Run(encode, CancellationToken.None);
        try
        {
            return await call.WaitAsync(timeout, abort);
        }
        catch (TimeoutException)
        {
            try
            {
                (await call.WaitAsync(timeout, abort))?.Dispose();
            }
            catch (TimeoutException)
            {
                throw new SystemicFaultException($"the encoder has not returned for twice the item timeout ({timeout}); the device is probably hung");
            }

            throw new TimeoutException($"encoding took longer than the item timeout {timeout}");
        }
    }
}
