using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Layers;

/// <summary>
/// Upstream's CausalConv3d: the declared (pt, ph, pw) padding is applied by hand, W and H on both sides,
/// time 2·pt frames in front only, all with the model's pad mode (zeros for CDT-base, edge replication for
/// CDT-small). With cached frames in front, they replace that many padded frames.
/// </summary>
public sealed class CausalConv3d : Module
{
    /// <summary>Frames a kernel-3 temporal conv remembers between chunks (upstream CACHE_T).</summary>
    public const int CachedFrames = 2;

    private readonly long[] stride;
    private readonly long timePad;
    private readonly long heightPad;
    private readonly long widthPad;

    public CausalConv3d(long inChannels, long outChannels, long[] kernel, long[] padding, PadMode padMode, long[]? stride = null, bool bias = true)
    {
        if (kernel.Length != 3 || padding.Length != 3)
        {
            throw new ArgumentException("CausalConv3d needs a 3-D kernel and a 3-D padding");
        }

        PadMode = padMode;
        this.stride = stride ?? [1, 1, 1];
        timePad = 2 * padding[0];
        heightPad = padding[1];
        widthPad = padding[2];
        Weight = Param("weight", [outChannels, inChannels, .. kernel]);
        Bias = bias ? Param("bias", outChannels) : null;
    }

    public PadMode PadMode { get; }

    public Parameter Weight { get; }

    public Parameter? Bias { get; }

    /// <summary>True when the kernel looks back in time (these layers take part in the feature cache).</summary>
    public bool IsTemporal => timePad > 0;

    /// <summary>Runs the conv on <paramref name="x"/> preceded by <paramref name="previousFrames"/> (or causal padding).</summary>
    public Tensor Forward(Tensor x, Tensor? previousFrames = null)
    {
        using var scope = DisposeScope.Enter();
        var input = x;
        var front = timePad;
        if (previousFrames is not null && timePad > 0)
        {
            input = Tensor.Cat([previousFrames, x], 2);
            front -= previousFrames.Size(2);
        }

        Tensor output;
        if (PadMode == PadMode.Constant)
        {
            // Zero padding in H and W is what the conv's own padding does, without copying the input.
            if (front > 0)
            {
                input = Functional.Pad(input, [0, 0, 0, 0, front, 0]);
            }

            output = Functional.Conv(input, Weight.Value, Bias?.Value, stride, [0, heightPad, widthPad], [1, 1, 1]);
        }
        else
        {
            if (front > 0 || heightPad > 0 || widthPad > 0)
            {
                input = CausalPadding.Pad(input, [widthPad, widthPad, heightPad, heightPad, front, 0], PadMode);
            }

            output = Functional.Conv(input, Weight.Value, Bias?.Value, stride, [0, 0, 0], [1, 1, 1]);
        }

        return scope.Keep(output);
    }

    /// <summary>
    /// One chunk through the conv with the feature cache: the cached frames go in front, then the cache keeps the
    /// last two input frames (for a one-frame chunk: the newest cached frame and this one). Without a cache the
    /// chunk is a whole sequence.
    /// </summary>
    public Tensor Forward(Tensor x, FeatureCache? cache)
    {
        if (cache is null || !IsTemporal)
        {
            return Forward(x);
        }

        var previous = cache.Get(this);
        var output = Forward(x, previous);
        cache.Set(this, NextState(x, previous));
        return output;
    }

    private static Tensor NextState(Tensor x, Tensor? previous)
    {
        using var scope = DisposeScope.Enter();
        var frames = x.Size(2);
        var tail = x.Slice(2, Math.Max(0, frames - CachedFrames));
        // Clone: a view would keep the whole chunk's storage alive.
        var state = frames < CachedFrames && previous is not null
            ? Tensor.Cat([previous.Slice(2, previous.Size(2) - 1), tail], 2)
            : tail.Clone();
        return scope.Keep(state);
    }
}
