using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Layers;

/// <summary>
/// Upstream's TimeDownsample: Conv1d(C, C, 3, stride 2) along time at every pixel (weight [C,C,3], tap 0 on the
/// oldest frame). Uncached: 2 frames of causal padding in front (pad mode). Cached: the previous chunk's last
/// input frame goes in front instead, with no padding. Output ceil(T/2) frames for a whole sequence.
/// </summary>
public sealed class TimeDownsample : Module
{
    public TimeDownsample(long channels, PadMode padMode)
    {
        PadMode = padMode;
        Conv = Child("conv", Torch.Conv.Conv1d(channels, channels, 3, stride: 2));
    }

    public PadMode PadMode { get; }

    public Conv Conv { get; }

    public Tensor Forward(Tensor x, FeatureCache? cache)
    {
        using var scope = DisposeScope.Enter();
        var previous = cache?.Get(this);
        var input = previous is not null
            ? Tensor.Cat([previous, x], 2)
            : CausalPadding.Pad(x, [0, 0, 0, 0, 2, 0], PadMode);

        // A per-pixel Conv1d over time is a Conv3d with a (3,1,1) kernel.
        var weight = Conv.Weight.Value.View([.. Conv.Weight.Value.Shape, 1, 1]);
        var output = Functional.Conv(input, weight, Conv.Bias?.Value, [2, 1, 1], [0, 0, 0], [1, 1, 1]);
        cache?.Set(this, x.Slice(2, x.Size(2) - 1).Clone());
        return scope.Keep(output);
    }
}
