using System.Buffers;
using Microsoft.Extensions.Logging;

namespace VideoPipe.Media;

/// <summary>Writes pairs of equally sized frames next to each other (source | reconstruction) for visual comparison.</summary>
public sealed class SideBySideWriter : IAsyncDisposable
{
    private readonly VideoWriter writer;
    private readonly int width;
    private readonly int height;

    private SideBySideWriter(VideoWriter writer, int width, int height)
    {
        this.writer = writer;
        this.width = width;
        this.height = height;
    }

    /// <param name="options">Width and Height are those of ONE side; the video is twice as wide.</param>
    public static SideBySideWriter Create(string path, VideoWriteOptions options, MediaTools? tools = null, ILogger? logger = null) =>
        new(VideoWriter.Create(path, options with { Width = options.Width * 2 }, tools, logger), options.Width, options.Height);

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> left, ReadOnlyMemory<byte> right, CancellationToken cancellationToken = default)
    {
        var sideBytes = width * height * 3;
        if (left.Length != sideBytes || right.Length != sideBytes)
        {
            throw new ArgumentException($"Both sides must be {width}x{height} RGB24 ({sideBytes} bytes); got {left.Length} and {right.Length}.");
        }

        var combined = ArrayPool<byte>.Shared.Rent(sideBytes * 2);
        try
        {
            Compose(left.Span, right.Span, combined);
            await writer.WriteAsync(combined.AsMemory(0, sideBytes * 2), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(combined);
        }
    }

    public ValueTask WriteAsync(VideoFrame left, VideoFrame right, CancellationToken cancellationToken = default) =>
        WriteAsync(left.Pixels, right.Pixels, cancellationToken);

    public Task CompleteAsync(CancellationToken cancellationToken = default) => writer.CompleteAsync(cancellationToken);

    public ValueTask DisposeAsync() => writer.DisposeAsync();

    private void Compose(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> combined)
    {
        var rowBytes = width * 3;
        for (var y = 0; y < height; y++)
        {
            left.Slice(y * rowBytes, rowBytes).CopyTo(combined.Slice(y * rowBytes * 2, rowBytes));
            right.Slice(y * rowBytes, rowBytes).CopyTo(combined.Slice(y * rowBytes * 2 + rowBytes, rowBytes));
        }
    }
}
