using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae.Model;

/// <summary>
/// Upstream AttnBlock3DFix: single-head spatial self-attention inside every frame (frames never attend to each
/// other) on GN-3D normalised features; q, k, v and proj_out are 1x1x1 causal convs; the result is added to x.
/// </summary>
public sealed class AttnBlock3DFix : Module
{
    public AttnBlock3DFix(long channels, int normGroups)
    {
        Norm = Child("norm", new VideoGroupNorm(channels, perFrame: false, normGroups));
        Q = Child("q", PointwiseConv(channels));
        K = Child("k", PointwiseConv(channels));
        V = Child("v", PointwiseConv(channels));
        ProjOut = Child("proj_out", PointwiseConv(channels));
    }

    public VideoGroupNorm Norm { get; }

    public CausalConv3d Q { get; }

    public CausalConv3d K { get; }

    public CausalConv3d V { get; }

    public CausalConv3d ProjOut { get; }

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Enter();
        var s = x.Shape;
        var n = Norm.Forward(x);
        var q = ToTokens(Q.Forward(n));
        var k = ToTokens(K.Forward(n));
        var v = ToTokens(V.Forward(n));
        n.Dispose();
        var o = Functional.ScaledDotProductAttention(q, k, v);
        q.Dispose();
        k.Dispose();
        v.Dispose();
        var back = FromTokens(o, s);
        o.Dispose();
        var projected = ProjOut.Forward(back);
        return scope.Keep(projected.AddInPlace(x));
    }

    /// <summary>[B, C, T, H, W] -> [B*T, H*W, C]: one attention problem per frame, tokens = pixels. Disposes the input.</summary>
    internal static Tensor ToTokens(Tensor video)
    {
        var s = video.Shape;
        using var moved = video.Permute(0, 2, 3, 4, 1);
        var tokens = moved.Reshape(s[0] * s[2], s[3] * s[4], s[1]);
        video.Dispose();
        return tokens;
    }

    /// <summary>Inverse of <see cref="ToTokens"/> for a video of shape <paramref name="shape"/>.</summary>
    internal static Tensor FromTokens(Tensor tokens, long[] shape)
    {
        using var split = tokens.View(shape[0], shape[2], shape[3], shape[4], shape[1]);
        using var moved = split.Permute(0, 4, 1, 2, 3);
        return moved.Contiguous();
    }

    private static CausalConv3d PointwiseConv(long channels) => new(channels, channels, [1, 1, 1], [1, 1, 1], 0);
}
