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
        using var scope = DisposeScope.Enter();
        var grouped = ForwardGrouped(x, state);
        var (b, c, n, g, h, w) = (grouped.Size(0), grouped.Size(1), grouped.Size(2), grouped.Size(3), grouped.Size(4), grouped.Size(5));
        return scope.Keep(grouped.Reshape(b, c, n * g, h, w));
    }

    /// <summary>
    /// The output as a (B, C, N, g, H, W) tensor, N groups of g frames, which may be a permuted view: callers that
    /// copy it anyway (a concatenation) flatten it to (B, C, N·g, H, W) in that same copy.
    /// </summary>
    public Tensor ForwardGrouped(Tensor x, StreamState? state)
    {
        var (b, t) = (x.Size(0), x.Size(2));
        using var scope = DisposeScope.Enter();
        if (Kernel == 1)
        {
            var pointwise = Functional.Conv(x, Weight.Value, Bias.Value, [1, 1, 1], [0, 0, 0], [1, 1, 1]);
            return scope.Keep(pointwise.Unsqueeze(2));
        }

        var padded = t == 1 ? PadSingleFrame(x) : PadGroups(x, state?.CacheOf(this));
        state?.SetCache(this, x.Narrow(2, t - 1, 1));
        var groups = t == 1 ? 1 : t / GroupLength;
        var y = Functional.Conv(padded, Weight.Value, Bias.Value, [1, 1, 1], [0, spatialPadding, spatialPadding], [1, 1, 1]);
        var (c, g, h, w) = (y.Size(1), y.Size(2), y.Size(3), y.Size(4));
        return scope.Keep(y.View(b, groups, c, g, h, w).Permute(0, 2, 1, 3, 4, 5));
    }

    private static Tensor PadSingleFrame(Tensor x)
    {
        using var zero = Tensor.Zeros(x.Shape, x.DType, x.Device);
        return Tensor.Cat([x, x, zero], 2);
    }

    /// <summary>
    /// (B, C, N·g, H, W) -> (B·N, C, g + 2, H, W): each group with its left neighbour and a zero frame, written
    /// by one concatenation straight into the group-major layout.
    /// </summary>
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
        var zero = Tensor.Zeros([b, n, c, 1, h, w], x.DType, x.Device);
        var blocks = Tensor.Cat(
            [left.Reshape(b, c, n, 1, h, w).Permute(0, 2, 1, 3, 4, 5), x.Reshape(b, c, n, g, h, w).Permute(0, 2, 1, 3, 4, 5), zero], 3);
        return scope.Keep(blocks.View(b * n, c, g + 2, h, w));
    }
}
