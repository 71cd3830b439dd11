using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Layers;

/// <summary>
/// Upstream <c>AttentionBlock</c> on one branch (keys norm.gamma [c,1,1], to_qkv.*, proj.*): single-head
/// self-attention over the H·W positions of each frame, residual on the un-normalised input. The softmax is
/// computed blockwise so the (H·W)² score matrix never exists whole (720p: 14400² per frame).
/// </summary>
public sealed class AttentionBlock : Module
{
    /// <summary>Query rows per block: 1024 x 14400 scores at 720p is 59 MB in float32.</summary>
    public const long QueryBlock = 1024;

    public AttentionBlock(long channels)
    {
        Channels = channels;
        Norm = Child("norm", new ImageRmsNorm(channels));
        ToQkv = Child("to_qkv", new FrameConv2d(channels, 3 * channels, 1));
        Proj = Child("proj", new FrameConv2d(channels, channels, 1));
    }

    public long Channels { get; }

    public ImageRmsNorm Norm { get; }

    public FrameConv2d ToQkv { get; }

    public FrameConv2d Proj { get; }

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Enter();
        var (b, c, t, h, w) = (x.Size(0), x.Size(1), x.Size(2), x.Size(3), x.Size(4));
        var normalized = Norm.Forward(x);
        var qkv = ToQkv.Forward(normalized);                                     // (B, 3c, T, H, W)
        var tokens = qkv.Permute(0, 2, 3, 4, 1).Reshape(b * t, h * w, 3 * c);   // (B·T, HW, 3c)
        var parts = tokens.Split([c, c, c], 2);
        var attended = Functional.ScaledDotProductAttention(parts[0], parts[1], parts[2], blockQ: QueryBlock);
        var map = attended.Reshape(b, t, h, w, c).Permute(0, 4, 1, 2, 3);
        return scope.Keep(Proj.Forward(map.Contiguous()) + x);
    }
}
