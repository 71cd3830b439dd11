namespace VideoPipe.Jobs.Training;

/// <summary>Every frame of one video, decoded to RGB24 at the training scale.</summary>
public sealed record DecodedClip(IReadOnlyList<byte[]> Frames, int Width, int Height)
{
    public long Bytes => Frames.Sum(f => (long)f.Length);
}
