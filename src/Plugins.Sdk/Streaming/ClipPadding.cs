using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Sdk;

/// <summary>How a family that pads instead of refusing fits a clip to its frame rule: the last frame repeated.</summary>
public static class ClipPadding
{
    /// <summary>
    /// Video [B, C, T, H, W] with its last frame repeated until T follows <paramref name="rule"/> (a view of the clip
    /// when it already does); crop the decoded padding afterwards.
    /// </summary>
    public static Tensor ToRule(Tensor video, FrameRule rule)
    {
        var frames = video.Size(2);
        var target = rule.RoundUp(frames);
        if (target == frames)
        {
            return video.Narrow(2, 0, frames);
        }

        using var scope = DisposeScope.Enter();
        var last = video.Narrow(2, frames - 1, 1);
        var repeats = last.Expand(video.Size(0), video.Size(1), target - frames, video.Size(3), video.Size(4));
        return scope.Keep(Tensor.Cat([video, repeats], 2));
    }
}
