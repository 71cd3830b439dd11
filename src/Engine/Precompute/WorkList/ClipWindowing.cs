using VideoPipe.Abstractions;

namespace VideoPipe.Precompute;

/// <summary>
/// Cuts a source's sampled frames into windows of <see cref="ClipFrames"/> frames every <see cref="Stride"/>
/// frames. Without a clip length the whole video is one clip, cut down to the longest length the frame rule allows.
/// No clip may hold more than <see cref="MaxClipFrames"/> frames: a clip is in memory whole while it is assembled
/// and encoded, so a whole-video clip of a long video would otherwise grow without bound.
/// </summary>
public sealed record ClipWindowing(int? ClipFrames, int? ClipStride, FrameRule Rule)
{
    public const int DefaultMaxClipFrames = 1025;

    public int MaxClipFrames { get; init; } = DefaultMaxClipFrames;

    public int Stride => ClipStride ?? ClipFrames ?? throw new InvalidOperationException("a whole-video clip has no stride");

    public bool WholeVideo => ClipFrames is null;

    /// <summary>Throws when the clip settings cannot work with the tokenizer's frame rule.</summary>
    public void Validate()
    {
        if (ClipFrames is { } frames && !Rule.Accepts(frames))
        {
            throw new ArgumentException($"--clip-frames {frames} does not follow the tokenizer's frame rule {Rule} (nearest: {Rule.RoundDown(frames)} or {Rule.RoundUp(frames)})");
        }

        if (MaxClipFrames < 1 || (ClipFrames is { } length && length > MaxClipFrames))
        {
            throw new ArgumentException(MaxClipFrames < 1 ? $"--max-clip-frames {MaxClipFrames} must be at least 1" : $"--clip-frames {ClipFrames} exceeds --max-clip-frames {MaxClipFrames}");
        }

        if (ClipStride is { } stride && (stride < 1 || ClipFrames is null))
        {
            throw new ArgumentException(ClipFrames is null ? "--clip-stride needs --clip-frames" : $"--clip-stride {stride} must be at least 1");
        }
    }

    /// <summary>The window that ends with sampled frame <paramref name="frameIndex"/>, if one does.</summary>
    public ClipWindow? WindowEndingAt(long frameIndex)
    {
        if (ClipFrames is not { } frames)
        {
            return null;
        }

        var start = frameIndex + 1 - frames;
        return start >= 0 && start % Stride == 0 ? new ClipWindow((int)(start / Stride), start, frames) : null;
    }

    /// <summary>The whole-video window once the frame count is known (null when too short for the rule).</summary>
    public ClipWindow? WholeVideoWindow(long totalFrames)
    {
        var usable = Rule.RoundDown(totalFrames);
        return usable > 0 ? new ClipWindow(0, 0, (int)usable) : null;
    }

    /// <summary>True once a whole-video clip of <paramref name="framesSeen"/> frames would be longer than one clip may be.</summary>
    public bool WholeVideoTooLong(long framesSeen) => WholeVideo && Rule.RoundDown(framesSeen) > MaxClipFrames;

    /// <summary>Frames older than this (relative to the newest) can no longer start a window and may be released.</summary>
    public int FramesToKeep => ClipFrames ?? int.MaxValue;
}
