using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae.Model;

/// <summary>
/// Upstream Normalize: GroupNorm(32 groups, eps 1e-6, affine) on [B, C, T, H, W]. <see cref="PerFrame"/> false is
/// GN-3D (statistics pooled over T, H, W); true is GN-2D (every frame normalised as its own image, as inside
/// ResnetBlock2D).
/// </summary>
public sealed class VideoGroupNorm : Module
{
    public VideoGroupNorm(long channels, bool perFrame)
    {
        if (channels % OdVaeBlockNames.NormGroups != 0)
        {
            throw new ArgumentException($"GroupNorm: {channels} channels are not divisible into {OdVaeBlockNames.NormGroups} groups");
        }

        PerFrame = perFrame;
        Weight = Param("weight", channels);
        Bias = Param("bias", channels);
    }

    public bool PerFrame { get; }

    public Parameter Weight { get; }

    public Parameter Bias { get; }

    public Tensor Forward(Tensor video)
    {
        if (!PerFrame)
        {
            return Functional.GroupNorm(video, OdVaeBlockNames.NormGroups, Weight.Value, Bias.Value, OdVaeBlockNames.NormEps);
        }

        using var scope = DisposeScope.Enter();
        var frames = VideoLayout.ToFrames(video);
        var normed = Functional.GroupNorm(frames, OdVaeBlockNames.NormGroups, Weight.Value, Bias.Value, OdVaeBlockNames.NormEps);
        return scope.Keep(VideoLayout.FromFrames(normed, video.Size(0)));
    }
}
