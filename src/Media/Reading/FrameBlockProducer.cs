using System.Buffers;
using System.Threading.Channels;
using VideoPipe.Media.Processes;

namespace VideoPipe.Media.Reading;

/// <summary>
/// Cuts ffmpeg's raw rgb24 output into frames and hands them on in whole blocks, on a dedicated thread: blocking
/// reads go straight into the pooled frame buffer (no epoll round trip and thread-pool hop per pipe chunk), and the
/// consumer is woken once per block instead of once per frame. It runs at most one block ahead of the consumer.
/// Reads end when ffmpeg closes its stdout (normally, or because it was killed on cancel).
/// </summary>
internal sealed class FrameBlockProducer
{
    private readonly Stream output;
    private readonly IFrameTimestamps timestamps;
    private readonly DecodeMonitor monitor;
    private readonly ReadPlan plan;
    private readonly VideoReadOptions options;
    private readonly ArrayPool<byte> pool;
    private readonly Channel<FrameBlock> blocks;

    public FrameBlockProducer(Stream output, IFrameTimestamps timestamps, DecodeMonitor monitor, ReadPlan plan, VideoReadOptions options, ArrayPool<byte> pool)
    {
        this.output = output;
        this.timestamps = timestamps;
        this.monitor = monitor;
        this.plan = plan;
        this.options = options;
        this.pool = pool;
        blocks = Channel.CreateBounded<FrameBlock>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
    }

    /// <summary>What the read loop saw, for judging the outcome once it stopped.</summary>
    public sealed record Summary(long Delivered, TimeSpan? LastPts, bool EndedMidFrame, DecodeMonitor.DamageSighting? StoppedAt);

    public ChannelReader<FrameBlock> Blocks => blocks.Reader;

    /// <summary>Starts the read loop; the task ends after the last block was handed on (or fails with the reason the read stopped).</summary>
    public Task<Summary> Start(string displayName, Func<string> errorTail, CancellationToken cancellationToken) =>
        DedicatedThread.Run("ffmpeg frame reader", () =>
        {
            try
            {
                return Run(displayName, errorTail, cancellationToken);
            }
            finally
            {
                blocks.Writer.TryComplete();
            }
        });

    /// <summary>Disposes blocks that were produced but never taken (the consumer stopped early).</summary>
    public void DiscardUntaken()
    {
        while (blocks.Reader.TryRead(out var block))
        {
            block.Dispose();
        }
    }

    private Summary Run(string displayName, Func<string> errorTail, CancellationToken cancellationToken)
    {
        var frameBytes = plan.FrameBytes;
        var indexBase = options.StartFrame ?? 0;
        long delivered = 0;
        TimeSpan? lastPts = null;
        var endedMidFrame = false;
        DecodeMonitor.DamageSighting? stoppedAt = null;
        var pending = new List<VideoFrame>(options.BlockSize);
        try
        {
            while (options.MaxFrames is not { } maxFrames || delivered < maxFrames)
            {
                var buffer = pool.Rent(frameBytes);
                var read = output.ReadAtLeast(buffer.AsSpan(0, frameBytes), frameBytes, throwOnEndOfStream: false);
                if (read < frameBytes)
                {
                    pool.Return(buffer);
                    endedMidFrame = read > 0;
                    break;
                }

                var announced = timestamps.TryNext(delivered, cancellationToken, out var pts);
                if (monitor.Damage is { } damage && damage.FramesBefore <= delivered && options.OnDamage == DamagePolicy.Throw)
                {
                    pool.Return(buffer);
                    stoppedAt = damage;
                    break;
                }

                if (!announced)
                {
                    pool.Return(buffer);
                    throw new VideoInputException(displayName, VideoInputErrorKind.DecoderFailed, "ffmpeg wrote a frame but did not report its timestamp", errorTail());
                }

                lastPts = pts;
                pending.Add(new VideoFrame(indexBase + delivered, pts, plan.Width, plan.Height, buffer, pool));
                delivered++;
                if (pending.Count == options.BlockSize)
                {
                    HandOn(pending, cancellationToken);
                    pending = new List<VideoFrame>(options.BlockSize);
                }
            }

            if (pending.Count > 0)
            {
                HandOn(pending, cancellationToken);
                pending = [];
            }

            return new Summary(delivered, lastPts, endedMidFrame, stoppedAt);
        }
        finally
        {
            foreach (var frame in pending)
            {
                frame.Dispose();
            }
        }
    }

    private void HandOn(List<VideoFrame> frames, CancellationToken cancellationToken)
    {
        var block = new FrameBlock(frames);
        while (!blocks.Writer.TryWrite(block))
        {
            // A dedicated thread, so blocking here costs no pool thread.
            if (!blocks.Writer.WaitToWriteAsync(cancellationToken).AsTask().GetAwaiter().GetResult())
            {
                throw new OperationCanceledException("the consumer stopped reading");
            }
        }
    }
}
