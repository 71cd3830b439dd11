using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Precompute;

/// <summary>
/// The single consumer of the tokenizer: takes sources in work-list order, encodes their clips with bounded
/// attempts and a time limit, and passes everything on to the store in the same order.
/// </summary>
internal sealed class EncodeStage(RunContext run, ITokenizer tokenizer, IDeviceContext device, ILogger logger)
{
    private readonly MetadataFactory metadata = new(run.Configuration);
    private readonly ClipEncoder encoder = new(tokenizer, device, run.Options);

    public async Task RunAsync(ChannelReader<ChannelReader<SourceMessage>> sources, ChannelWriter<SourceMessage> output, CancellationToken abort)
    {
        await foreach (var source in sources.ReadAllAsync(abort))
        {
            await foreach (var message in source.ReadAllAsync(abort))
            {
                if (message is ClipToEncode clip)
                {
                    using (clip)
                    {
                        await EncodeAsync(clip, output, abort);
                    }
                }
                else
                {
                    await output.WriteAsync(message, abort);
                }
            }
        }
    }

    private async Task EncodeAsync(ClipToEncode clip, ChannelWriter<SourceMessage> output, CancellationToken abort)
    {
        var options = run.Options;
        var seed = encoder.SeedFor(clip.Clip.ItemId);
        var encodeOptions = encoder.OptionsFor(seed);
        for (var attempt = 1; ; attempt++)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                var latent = await EncodeWithTimeoutAsync(clip.Video, encodeOptions, abort);
                var encoded = new ClipEncoded(clip.Clip, latent, metadata.Create(clip.Clip, latent, seed), attempt, watch.Elapsed.TotalSeconds);
                try
                {
                    await output.WriteAsync(encoded, abort);
                }
                catch
                {
                    encoded.Dispose();
                    throw;
                }

                return;
            }
            catch (Exception ex) when (ex is not (SystemicFaultException or OperationCanceledException))
            {
                var reason = $"encode: {ex.GetType().Name}: {ex.Message}";
                if (attempt < options.MaxAttempts)
                {
                    logger.LogWarning("{Item} ({Source}): attempt {Attempt} failed: {Reason}", clip.Clip.ItemId, clip.Clip.Source.Key, attempt, reason);
                    await output.WriteAsync(new AttemptFailed(clip.Clip.Source, clip.Clip.ItemId, attempt, reason), abort);
                    continue;
                }

                logger.LogWarning("{Item} ({Source}): quarantined after {Attempts} attempts: {Reason}", clip.Clip.ItemId, clip.Clip.Source.Key, attempt, reason);
                await output.WriteAsync(new ClipQuarantined(clip.Clip, reason, attempt), abort);
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
        var timeout = run.Options.ItemTimeout;
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
