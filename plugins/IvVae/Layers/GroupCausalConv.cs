using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Layers;

/// <summary>
/// Upstream <c>Group_Causal_Conv3d</c> (keys weight [out, in, k, k, k], bias). With k = 1 it is a 1x1x1 conv.
/// With k = 3 each call's frames are cut into groups of <see cref="GroupLength"/>; a group sees
/// [frame before it, its frames, a zero frame], the frame before the first group being the cache (the last
/// input frame of the previous call). A call of a single frame is special: [f, f, 0], cache ignored.
/// </summary>
public sealed class GroupCausalConv : Module
{
    private readonly long spatialPadding;

    public GroupCausalConv(long inChannels, long outChannels, long kernel, int groupLength)
    {
        if (kernel != 1 && kernel != 3)
        {
            throw new ArgumentException($"group-causal conv supports kernel 1 or 3, got {kernel}");
        }

        Kernel = kernel;
        GroupLength = groupLength;
        spatialPadding = kernel / 2;
        Weight = Param("weight", outChannels, inChannels, kernel, kernel, kernel);
        Bias = Param("bias", outChannels);
    }

    public long Kernel { get; }

    public int GroupLength { get; }

    public Parameter Weight { get; }

    public Parameter Bias { get; }

    public Tensor Forward(Tensor x, StreamState? state)
    {
        if (Kernel == 1)
        {
            return Functional.Conv(x, Weight.Value, Bias.Value, [1, 1, 1], [0, 0, 0], [1, 1, 1]);
        }

        using var scope = DisposeScope.Enter();
        var t = x.Size(2);
        var padded = t == 1 ? PadSingleFrame(x) : PadGroups(x, state?.CacheOf(this));
        state?.SetCache(this, x.Narrow(2, t - 1, 1));
        var groups = t == 1 ? 1 : t / GroupLength;
        var y = Functional.Conv(padded, Weight.Value, Bias.Value, [1, 1, 1], [0, spatialPadding, spatialPadding], [1, 1, 1]);
        return scope.Keep(groups == 1 ? y : UnfoldGroups(y, x.Size(0), groups));
    }

    private static Tensor PadSingleFrame(Tensor x)
    {
        using var zero = Tensor.Zeros(x.Shape, x.DType, x.Device);
        return Tensor.Cat([x, x, zero], 2);
    }

    /// <summary>(B, C, N·g, H, W) -> (B·N, C, g + 2, H, W): each group with its left neighbour and a zero frame.</summary>
    private Tensor PadGroups(Tensor x, Tensor? cache)
    {
        var (b, c, t, h, w) = (x.Size(0), x.Size(1), x.Size(2), x.Size(3), x.Size(4));
        var g = GroupLength;
        if (t % g != 0)
        {
            throw new InvalidOperationException($"group-causal conv with group length {g} got a call of {t} frames");
        }

        if (cache is null)
        {
            throw new InvalidOperationException("group-causal conv got a multi-frame call before the stream's first frame");
        }

        var n = t / g;
        using var scope = DisposeScope.Enter();
        var left = n == 1 ? cache : Tensor.Cat([cache, x.Slice(2, g - 1, t - 1, g)], 2);
        var zero = Tensor.Zeros([b, c, n, 1, h, w], x.DType, x.Device);
        var blocks = Tensor.Cat([left.Reshape(b, c, n, 1, h, w), x.Reshape(b, c, n, g, h, w), zero], 3);
        var result = n == 1 ? blocks.Reshape(b, c, g + 2, h, w) : blocks.Permute(0, 2, 1, 3, 4, 5).Reshape(b * n, c, g + 2, h, w);
        return scope.Keep(result);
    }

    private static Tensor UnfoldGroups(Tensor y, long batch, long groups)
    {
        var (c, g, h, w) = (y.Size(1), y.Size(2), y.Size(3), y.Size(4));
        using var scope = DisposeScope.Enter();
        var r = y.View(batch, groups, c, g, h, w).Permute(0, 2, 1, 3, 4, 5).Reshape(batch, c, groups * g, h, w);
        return scope.Keep(r);
    }
}
