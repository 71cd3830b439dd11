using System.Diagnostics;
using Microsoft.Extensions.Logging;
using VideoPipe.Abstractions;
using VideoPipe.Engine;
using VideoPipe.Torch;

namespace VideoPipe.Precompute;

/// <summary>
/// Encodes the dataset's decoded clips whole with its tokenizer (posterior, seed per item, scaling, encode settings),
/// with bounded attempts and a time limit per clip; a clip that keeps failing is quarantined alone. Every other
/// message of the source passes on in order.
/// </summary>
public sealed class EncodeClipsStageType : IDatasetStageType
{
    public string Name => "encode-clips";

    public string Description => "The dataset's clips to latents (whole-clip encode, attempts, per-clip quarantine).";

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

internal sealed class EncodeClipsStage(DatasetRun dataset, ITokenizer tokenizer, StageContext context) : IStage
{
    private readonly MetadataFactory metadata = new(dataset.Configuration);
    private readonly ClipEncoder encoder = new(tokenizer, context.DeviceContext, dataset.Context.Options);

    public async ValueTask ProcessAsync(StageMessage message, IStageEmitter output, CancellationToken cancellationToken)
    {
        ValueTask Emit(SourceMessage payload, bool last = false) =>
            output.EmitAsync(new StageMessage(message.Item, payload, last) { Sequence = message.Sequence }, cancellationToken);

        if (message.Payload is not ClipToEncode clip)
        {
            await Emit((SourceMessage)message.Payload, message.EndOfItem);
            return;
        }

        var options = dataset.Context.Options;
        var seed = encoder.SeedFor(clip.Clip.ItemId);
        var encodeOptions = encoder.OptionsFor(seed);
        for (var attempt = 1; ; attempt++)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                var latent = await EncodeWithTimeoutAsync(clip.Video, encodeOptions, cancellationToken);
                await Emit(new ClipEncoded(clip.Clip, latent, metadata.Create(clip.Clip, latent, seed), attempt, watch.Elapsed.TotalSeconds), message.EndOfItem);
                return;
            }
            catch (Exception ex) when (ex is not (SystemicFaultException or OperationCanceledException))
            {
                var reason = $"encode: {ex.GetType().Name}: {ex.Message}";
                if (attempt < options.MaxAttempts)
                {
                    context.Logger.LogWarning("{Item} ({Source}): attempt {Attempt} failed: {Reason}", clip.Clip.ItemId, clip.Clip.Source.Key, attempt, reason);
                    await Emit(new AttemptFailed(clip.Clip.Source, clip.Clip.ItemId, attempt, reason));
                    continue;
                }

                context.Logger.LogWarning("{Item} ({Source}): quarantined after {Attempts} attempts: {Reason}", clip.Clip.ItemId, clip.Clip.Source.Key, attempt, reason);
                await Emit(new ClipQuarantined(clip.Clip, reason, attempt), message.EndOfItem);
                return;
            }
        }
    }

    /// <summary>
    /// Runs the (uninterruptible, native) encode off the pipeline thread. A call that overruns the item timeout
    /// fails the attempt, but the next attempt waits for it to return first; one that does not return within a
    /// second timeout means a hung device, a systemic fault.
    /// </summary>
    private async Task<Tensor> EncodeWithTimeoutAsync(Tensor video, EncodeOptions options, CancellationToken abort)
    {
        var timeout = dataset.Context.Options.ItemTimeout;
        var call = Task.Run(() => encoder.Encode(video, options), CancellationToken.None);
        try
        {
            return await call.WaitAsync(timeout, abort);
        }
        catch (TimeoutException)
        {
            try
            {
                (await call.WaitAsync(timeout, abort)).Dispose();
            }
            catch (TimeoutException)
            {
                throw new SystemicFaultException($"the encoder has not returned for twice the item timeout ({timeout}); the device is probably hung");
            }

            throw new TimeoutException($"encoding took longer than the item timeout {timeout}");
        }
    }
}
