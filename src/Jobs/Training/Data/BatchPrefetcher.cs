using System.Threading.Channels;

namespace VideoPipe.Jobs.Training;

/// <summary>
/// Decodes the micro-batches of steps first..last on a background task into a bounded channel, in order, so the
/// training step rarely waits for ffmpeg. Clip b of micro-batch m of step s is drawn from seed (run seed, s, m, b):
/// what a step sees does not depend on where a run started.
/// </summary>
public sealed class BatchPrefetcher : IAsyncDisposable
{
    private readonly Channel<TrainingBatch> channel;
    private readonly CancellationTokenSource stop = new();
    private readonly Task producer;

    public BatchPrefetcher(IClipSource source, TrainingOptions options, long firstStep)
    {
        channel = Channel.CreateBounded<TrainingBatch>(new BoundedChannelOptions(options.Data.Prefetch) { SingleReader = true, SingleWriter = true });
        // only disposal stops the producer: a stop signal lets the step in progress take its micro-batches
        var token = stop.Token;
        producer = Task.Run(async () =>
        {
            try
            {
                for (var step = firstStep; step <= options.Steps; step++)
                {
                    for (var micro = 0; micro < options.GradientAccumulation; micro++)
                    {
                        await channel.Writer.WriteAsync(await DrawAsync(source, options, step, micro, token), token);
                    }
                }

                channel.Writer.TryComplete();
            }
            catch (Exception e)
            {
                channel.Writer.TryComplete(e);
            }
        }, CancellationToken.None);
    }

    /// <summary>The next micro-batch (in step order).</summary>
    public TrainingBatch Next() => channel.Reader.ReadAsync().AsTask().GetAwaiter().GetResult();

    public static async Task<TrainingBatch> DrawAsync(IClipSource source, TrainingOptions options, long step, int micro, CancellationToken cancellationToken)
    {
        var (frames, size) = (options.Data.Frames, options.Data.Size);
        var clipLength = 3 * frames * size * size;
        var values = new float[options.BatchSize * clipLength];
        for (var b = 0; b < options.BatchSize; b++)
        {
            var random = new Random(StepSeeds.ForRandom(options.Seed, StepSeeds.Clip, step, micro * options.BatchSize + b));
            var clip = await source.TrainingClipAsync(random, cancellationToken);
            clip.CopyTo(values, b * clipLength);
        }

        return new TrainingBatch(step, micro, values, [options.BatchSize, 3, frames, size, size]);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await producer;
        }
        catch (OperationCanceledException)
        {
        }

        stop.Dispose();
    }
}
