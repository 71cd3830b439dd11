using VideoPipe.Torch;

namespace VideoPipe.Plugins.Regen.Layers;

/// <summary>GroupNorm over each frame on its own, so statistics never mix frames and the encoder stays causal.</summary>
public sealed class FrameGroupNorm : Module
{
    private readonly GroupNorm norm;

    public FrameGroupNorm(long groups, long channels) => norm = Child("norm", new GroupNorm(groups, channels, 1e-6));

    public GroupNorm Norm => norm;

    /// <summary>[B,C,T,H,W] → same shape, normalised per (sample, frame, group).</summary>
    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Enter();
        var (b, c, t, h, w) = (x.Size(0), x.Size(1), x.Size(2), x.Size(3), x.Size(4));
        var frames = x.Permute(0, 2, 1, 3, 4).Reshape(b * t, c, h, w);
        var normed = norm.Forward(frames).Reshape(b, t, c, h, w).Permute(0, 2, 1, 3, 4);
        return scope.Keep(normed.Contiguous());
    }
}
