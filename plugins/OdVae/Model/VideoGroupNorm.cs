using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae.Model;

/// <summary>
/// Upstream Normalize: GroupNorm(32 groups unless the config says otherwise, eps 1e-6, affine) on [B, C, T, H, W]. <see cref="PerFrame"/> false is
/// GN-3D (statistics pooled over T, H, W); true is GN-2D (every frame normalised as its own image, as inside
/// ResnetBlock2D).
/// </summary>
public sealed class VideoGroupNorm : Module
{
    public VideoGroupNorm(long channels, bool perFrame, int groups)
    {
        if (groups <= 0 || channels % groups != 0)
        {
            throw new ArgumentException($"GroupNorm: {channels} channels are not divisible into {groups} groups");
        }

        PerFrame = perFrame;
        Groups = groups;
        Weight = Param("weight", channels);
        Bias = Param("bias", channels);
    }

    public bool PerFrame { get; }

    public int Groups { get; }

    public Parameter Weight { get; }

    public Parameter Bias { get; }

    public Tensor Forward(Tensor video)
    {
        if (video.DType is not (DType.BFloat16 or DType.Float16))
        {
            return Normalize(video);
        }

        // Reduced-precision models normalise in float32 (as torch autocast does for group_norm) and cast back.
        using var scope = DisposeScope.Enter();
        var normed = Normalize(video.To(DType.Float32));
        return scope.Keep(normed.To(video.DType));
    }

    private Tensor Normalize(Tensor video)
    {
        using var scope = DisposeScope.Enter();
        var weight = Weight.Value.DType == video.DType ? Weight.Value : Weight.Value.To(video.DType);
        var bias = Bias.Value.DType == video.DType ? Bias.Value : Bias.Value.To(video.DType);
        if (!PerFrame)
        {
            return scope.Keep(Functional.GroupNorm(video, Groups, weight, bias, OdVaeBlockNames.NormEps));
        }

        // Copies are freed as soon as possible: at encoder level 0 each one is a whole video.
        var frames = VideoLayout.ToFrames(video);
        var normed = Functional.GroupNorm(frames, Groups, weight, bias, OdVaeBlockNames.NormEps);
        frames.Dispose();
        return scope.Keep(VideoLayout.FromFrames(normed, video.Size(0)));
    }
}
