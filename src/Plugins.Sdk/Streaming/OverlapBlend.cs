using VideoPipe.Torch;

namespace VideoPipe.Plugins.Sdk;

/// <summary>
/// The linear cross-fade of two overlapping temporal tiles (ProMAG's chunks, the stitch stage's <c>blend</c>): over n
/// shared frames the later tile's weight rises (i + 1) / (n + 1) for i = 0 … n − 1.
/// </summary>
public static class OverlapBlend
{
    /// <summary>The shared frames: <paramref name="tail"/> of the earlier tile and <paramref name="head"/> of the later, both [B, C, n, H, W].</summary>
    public static Tensor Blend(Tensor tail, Tensor head)
    {
        var n = head.Size(2);
        if (tail.Size(2) != n)
        {
            throw new ArgumentException($"blending needs as many frames on both sides, got {tail.Size(2)} and {n}");
        }

        using var scope = DisposeScope.Enter();
        var weights = Tensor.Linspace(1.0 / (n + 1), n / (n + 1.0), n, head.DType, head.Device).View(1, 1, n, 1, 1);
        return scope.Keep(tail.Mul(1.0 - weights).Add(head.Mul(weights)));
    }
}
