namespace VideoPipe.Media.Tests.Support;

/// <summary>Writes test videos through our writer or with ffmpeg's lavfi sources.</summary>
internal static class Videos
{
    /// <summary>Frames whose every byte is the frame's number × 10 (readable back through a lossless path).</summary>
    public static async Task<string> WriteNumberedLosslessAsync(string path, int frames, int width, int height, Rational fps)
    {
        await using var writer = VideoWriter.Create(path, new VideoWriteOptions
        {
            Width = width, Height = height, FrameRate = fps, Encoding = VideoEncoding.LosslessFfv1,
        });
        for (var i = 0; i < frames; i++)
        {
            var value = (byte)(i * 10);
            await writer.WriteAsync(Pixels.Solid(width, height, value, value, value));
        }

        await writer.CompleteAsync();
        return path;
    }

    /// <summary>The frame number a numbered frame carries.</summary>
    public static int NumberOf(VideoFrame frame) => frame.Span[0] / 10;

    public static Task TestSourceAsync(string path, string size, int rate, double seconds, params string[] encoding) =>
        Ffmpeg.RunAsync(["-f", "lavfi", "-i", $"testsrc2=s={size}:r={rate}:d={seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}", .. encoding, path]);

    public static async Task<List<VideoFrame>> ReadAllAsync(this VideoReader reader, string path, VideoReadOptions? options = null)
    {
        var frames = new List<VideoFrame>();
        await foreach (var block in reader.ReadAsync(path, options))
        {
            frames.AddRange(block);
        }

        return frames;
    }
}
