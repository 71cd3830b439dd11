using VideoPipe.Media.Tests.Support;

namespace VideoPipe.Media.Tests;

public sealed class LosslessRoundTripTests(Workspace workspace) : IClassFixture<Workspace>
{
    private static readonly Rational TwelveFps = new(12, 1);

    [Theory]
    [InlineData(VideoEncoding.LosslessFfv1, "noise.mkv", 48, 32)]
    [InlineData(VideoEncoding.LosslessFfv1, "odd.nut", 33, 17)]
    [InlineData(VideoEncoding.LosslessH264Rgb, "noise.mp4", 48, 32)]
    [InlineData(VideoEncoding.LosslessH264Rgb, "odd.mkv", 33, 17)]
    public async Task Known_frames_come_back_byte_for_byte(VideoEncoding encoding, string name, int width, int height)
    {
        var path = workspace.PathOf(name);
        var written = Enumerable.Range(0, 7).Select(seed => Pixels.Noise(width, height, seed)).ToList();
        await using (var writer = VideoWriter.Create(path, new VideoWriteOptions { Width = width, Height = height, FrameRate = TwelveFps, Encoding = encoding, Preset = "ultrafast" }))
        {
            foreach (var frame in written)
            {
                await writer.WriteAsync(frame);
            }

            await writer.CompleteAsync();
        }

        var read = await new VideoReader().ReadAllAsync(path);

        Assert.Equal(written.Count, read.Count);
        for (var i = 0; i < read.Count; i++)
        {
            Assert.Equal((width, height), (read[i].Width, read[i].Height));
            Assert.Equal(i, read[i].Index);
            // Matroska stores milliseconds, so 1/12 s comes back as 83 ms.
            Assert.InRange(read[i].Pts.TotalMilliseconds - i * 1000.0 / 12, -1, 1);
            Assert.True(written[i].AsSpan().SequenceEqual(read[i].Span), $"frame {i} differs");
        }
    }

    [Fact]
    public async Task Stream_out_and_stream_in_round_trips_exactly()
    {
        var written = Enumerable.Range(0, 5).Select(seed => Pixels.Noise(20, 14, seed)).ToList();
        using var container = new MemoryStream();
        await using (var writer = VideoWriter.Create(container, new VideoWriteOptions { Width = 20, Height = 14, FrameRate = TwelveFps, Encoding = VideoEncoding.LosslessFfv1, Container = VideoContainer.Nut }))
        {
            foreach (var frame in written)
            {
                await writer.WriteAsync(frame);
            }

            await writer.CompleteAsync();
        }

        container.Position = 0;
        var read = new List<VideoFrame>();
        await foreach (var block in new VideoReader().ReadAsync(container, new VideoReadOptions { StreamProbeBytes = 4096 }))
        {
            read.AddRange(block);
        }

        Assert.Equal(written.Count, read.Count);
        Assert.All(read, (frame, i) => Assert.True(written[i].AsSpan().SequenceEqual(frame.Span), $"frame {i} differs"));
    }

    [Fact]
    public async Task Side_by_side_output_puts_source_left_and_reconstruction_right()
    {
        var path = workspace.PathOf("side-by-side.mkv");
        var left = Pixels.Noise(10, 6, 1);
        var right = Pixels.Noise(10, 6, 2);
        await using (var writer = SideBySideWriter.Create(path, new VideoWriteOptions { Width = 10, Height = 6, FrameRate = TwelveFps, Encoding = VideoEncoding.LosslessFfv1 }))
        {
            await writer.WriteAsync(left, right);
            await writer.CompleteAsync();
        }

        var frame = Assert.Single(await new VideoReader().ReadAllAsync(path));
        Assert.Equal((20, 6), (frame.Width, frame.Height));
        for (var y = 0; y < 6; y++)
        {
            Assert.True(frame.Span.Slice(y * 60, 30).SequenceEqual(left.AsSpan(y * 30, 30)), $"left row {y}");
            Assert.True(frame.Span.Slice(y * 60 + 30, 30).SequenceEqual(right.AsSpan(y * 30, 30)), $"right row {y}");
        }
    }

    [Fact]
    public async Task Frames_arrive_in_blocks_of_the_requested_size_and_copy_out_contiguously()
    {
        var path = await Videos.WriteNumberedLosslessAsync(workspace.PathOf("blocks.mkv"), 10, 8, 6, TwelveFps);

        var blocks = new List<FrameBlock>();
        await foreach (var block in new VideoReader().ReadAsync(path, new VideoReadOptions { BlockSize = 4 }))
        {
            blocks.Add(block);
        }

        Assert.Equal([4, 4, 2], blocks.Select(block => block.Count));
        Assert.Equal([0L, 4L, 8L], blocks.Select(block => block.FirstIndex));
        var contiguous = new byte[4 * 8 * 6 * 3];
        blocks[1].CopyTo(contiguous);
        Assert.Equal([40, 50, 60, 70], Enumerable.Range(0, 4).Select(t => (int)contiguous[t * 8 * 6 * 3]));
        blocks.ForEach(block => block.Dispose());
        Assert.Throws<ObjectDisposedException>(() => blocks[0][0].Pixels);
    }
}
