namespace VideoPipe.Precompute;

/// <summary>A whole-video clip would hold more frames than --max-clip-frames allows; the source is quarantined, not retried.</summary>
public sealed class ClipTooLongException(string path, int maxClipFrames)
    : Exception($"{path}: the whole video is one clip, longer than --max-clip-frames {maxClipFrames} (a clip is held in memory whole); cut it with --clip-frames or raise --max-clip-frames")
{
    public int MaxClipFrames { get; } = maxClipFrames;
}
