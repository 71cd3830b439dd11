namespace VideoPipe.Media.Tests.Support;

/// <summary>Known RGB24 frames and helpers to compare them.</summary>
internal static class Pixels
{
    public static byte[] Noise(int width, int height, int seed)
    {
        var frame = new byte[width * height * 3];
        new Random(seed).NextBytes(frame);
        return frame;
    }

    public static byte[] Solid(int width, int height, byte red, byte green, byte blue)
    {
        var frame = new byte[width * height * 3];
        for (var i = 0; i < frame.Length; i += 3)
        {
            (frame[i], frame[i + 1], frame[i + 2]) = (red, green, blue);
        }

        return frame;
    }

    /// <summary>Turns an (H, W, 3) image a quarter turn clockwise into (W, H, 3).</summary>
    public static byte[] RotateClockwise(byte[] image, int width, int height)
    {
        var rotated = new byte[image.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                // (x, y) lands in column (height-1-y), row x of a height-wide image.
                var target = (x * height + (height - 1 - y)) * 3;
                Array.Copy(image, (y * width + x) * 3, rotated, target, 3);
            }
        }

        return rotated;
    }

    public static double MeanAbsoluteDifference(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        Assert.Equal(a.Length, b.Length);
        long sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += Math.Abs(a[i] - b[i]);
        }

        return (double)sum / a.Length;
    }
}
