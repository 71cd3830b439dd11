using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Layers;

/// <summary>
/// Upstream's LinearAttention with one head of width C, frame by frame: q is softmaxed over channels, k over
/// the H·W positions, q is scaled by C^-1/2 after its softmax, context = k·vᵀ (C×C), out = contextᵀ·q.
/// </summary>
public sealed class LinearAttention : Module
{
    private readonly double scale;

    public LinearAttention(long channels)
    {
        Channels = channels;
        scale = Math.Pow(channels, -0.5);
        ToQkv = Child("to_qkv", Conv.Conv3d(channels, 3 * channels, 1, bias: false));
        ToOut = Child("to_out", Conv.Conv3d(channels, channels, 1));
    }

    public long Channels { get; }

    public Conv ToQkv { get; }

    public Conv ToOut { get; }

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Enter();
        var (b, c, t, h, w) = (x.Size(0), x.Size(1), x.Size(2), x.Size(3), x.Size(4));
        var qkv = ToQkv.Forward(x);

        // (B, 3C, T, H, W) -> (B·T, 3C, H·W): every frame attends within itself only.
        var perFrame = qkv.Permute(0, 2, 1, 3, 4).Reshape(b * t, 3 * c, h * w);
        var parts = perFrame.Split([c, c, c], 1);
        var q = Functional.Softmax(parts[0], 1).MulInPlace(scale);
        var k = Functional.Softmax(parts[1], 2);
        var context = k.Bmm(parts[2].Transpose(1, 2));
        var attended = context.Transpose(1, 2).Bmm(q);
        var frames = attended.View(b, t, c, h, w).Permute(0, 2, 1, 3, 4);
        return scope.Keep(ToOut.Forward(frames));
    }
}
