using VideoPipe.Torch.Native;

namespace VideoPipe.Torch;

public static partial class Functional
{
    /// <summary>
    /// For x (B, C, ...) whose channels form <paramref name="groups"/> equal groups: x / max(‖x‖₂ over the group's
    /// channels, eps) · scale[c] at every position (F.normalize per group, then a per-channel scale of C values),
    /// followed by SiLU when <paramref name="silu"/>. float32 runs one fused kernel (two passes over x).
    /// </summary>
    public static Tensor ChannelRmsNorm(Tensor x, Tensor scale, long groups = 1, double eps = 1e-12, bool silu = false) =>
        Tensor.From(NativeMethods.vp_channel_rms_norm(x.Handle, scale.Handle, groups, eps, silu ? 1 : 0, out var r), r);
}
