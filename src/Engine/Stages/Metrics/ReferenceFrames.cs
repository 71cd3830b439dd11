using System.Buffers;
using VideoPipe.Abstractions;
using VideoPipe.Media;
using VideoPipe.Torch;

namespace VideoPipe.Engine.Stages;

/// <summary>Reads a clip's source frames on demand, in whatever counts the reconstruction arrives in.</summary>
internal sealed class ReferenceFrames(WorkItem item) : IAsyncDisposable
{
    private readonly List<Tensor> buffered = [];
    private IAsyncEnumerator<Media.FrameBlock>? blocks;
    private long bufferedFrames;

    /// <summary>The next <paramref name="count"/> frames as uint8 [count, H, W, 3].</summary>
    public async ValueTask<Tensor> TakeAsync(int count, CancellationToken cancellationToken)
    {
        blocks ??= new VideoReader().ReadAsync(item.SourcePath, (DecodeSettings.FromAttributes(item.Attributes) ?? new DecodeSettings(null, 1, "crop", null, null, 16)).ToReadOptions(item), cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        while (bufferedFrames < count)
        {
            if (!await blocks.MoveNextAsync())
            {
                throw new InvalidDataException($"{item.SourcePath} has fewer frames than the reconstruction ({bufferedFrames} left, {count} wanted)");
            }

            using var block = blocks.Current;
            buffered.Add(ToTensor(block));
            bufferedFrames += block.Count;
        }

        using var scope = DisposeScope.Enter();
        var all = buffered.Count == 1 ? buffered[0] : Tensor.Cat(buffered, 0);
        var taken = all.Narrow(0, 0, count).Contiguous();
        var rest = bufferedFrames > count ? DisposeScope.Detach(all.Narrow(0, count, bufferedFrames - count).Clone()) : null;
        buffered.ForEach(t => t.Dispose());
        buffered.Clear();
        bufferedFrames -= count;
        if (rest is not null)
        {
            buffered.Add(rest);
        }

        return scope.Keep(taken);
    }

    internal static Tensor ToTensor(Media.FrameBlock block)
    {
        var bytes = block.Count * block[0].ByteCount;
        var buffer = ArrayPool<byte>.Shared.Rent(bytes);
        try
        {
            block.CopyTo(buffer.AsSpan(0, bytes));
            var tensor = Tensor.Empty([block.Count, block[0].Height, block[0].Width, 3], DType.UInt8);
            tensor.CopyFrom<byte>(buffer.AsSpan(0, bytes));
            return tensor;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async ValueTask DisposeAsync()
    {
        buffered.ForEach(t => t.Dispose());
        buffered.Clear();
        if (blocks is not null)
        {
            await blocks.DisposeAsync();
        }
    }
}
