namespace VideoPipe.Jobs.Training;

/// <summary>Cuts a square out of RGB24 frames and lays it out as a float clip [3, T, S, S] in [-1, 1].</summary>
public static class ClipCrop
{
    /// <param name="cropFraction">Where the crop sits along each axis with room to move: 0 first, 0.5 centre, 1 last.</param>
    public static float[] ToClip(IReadOnlyList<byte[]> frames, int width, int height, int size, double cropFraction, bool flip)
    {
        if (width < size || height < size)
        {
            throw new InvalidDataException($"frames of {width}x{height} are smaller than the {size}x{size} crop");
        }

        var left = (int)Math.Round(cropFraction * (width - size));
        var top = (int)Math.Round(cropFraction * (height - size));
        var count = frames.Count;
        var clip = new float[3 * count * size * size];
        for (var t = 0; t < count; t++)
        {
            var pixels = frames[t];
            for (var y = 0; y < size; y++)
            {
                for (var x = 0; x < size; x++)
                {
                    var source = ((top + y) * width + left + (flip ? size - 1 - x : x)) * 3;
                    for (var c = 0; c < 3; c++)
                    {
                        clip[((c * count + t) * size + y) * size + x] = pixels[source + c] / 127.5f - 1f;
                    }
                }
            }
        }

        return clip;
    }
}
