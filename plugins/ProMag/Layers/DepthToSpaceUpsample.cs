using VideoPipe.Torch;

namespace VideoPipe.Plugins.ProMag.Layers;

/// <summary>
/// Upsampling by depth-to-space: a causal 3x3x3 conv to C·s_t·s² channels, each position unfolded into s_t frames
/// of s×s pixels, and the first s_t - 1 generated frames dropped, so 1 + m frames become 1 + s_t·m and no padding
/// frame is ever decoded (the paper's efficient causal upsampling). Output channel c·s_t·s² + (i_t·s + i_h)·s + i_w
/// holds sub-frame i_t, row i_h, column i_w of channel c.
/// </summary>
public sealed class DepthToSpaceUpsample : Module
{
    private readonly ReplicateCausalConv3d conv;
    private readonly long channels;
    private readonly long timeScale;
    private readonly long spaceScale;

    public DepthToSpaceUpsample(long channels, long timeScale, long spaceScale)
    {
        (this.channels, this.timeScale, this.spaceScale) = (channels, timeScale, spaceScale);
        conv = Child("conv", new ReplicateCausalConv3d(channels, channels * timeScale * spaceScale * spaceScale));
    }

    public long SpaceScale => spaceScale;

    public long TimeScale => timeScale;

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Enter();
        var (b, t, h, w) = (x.Size(0), x.Size(2), x.Size(3), x.Size(4));
        var (st, s) = (timeScale, spaceScale);
        var y = conv.Forward(x).View(b, channels, st, s, s, t, h, w).Permute(0, 1, 5, 2, 6, 3, 7, 4).Reshape(b, channels, t * st, h * s, w * s);
        return scope.Keep(st == 1 ? y : y.Narrow(2, st - 1, t * st - (st - 1)));
    }

    /// <summary>Weights that repeat each input frame s_t times (pixels s×s times) at the current time tap: frames f0, f1, f1, f2, f2, … for s_t = 2.</summary>
    public void InitializeAsRepeat()
    {
        var weight = conv.Conv.Weight.Value;
        var (outC, inC, kt, kh, kw) = (weight.Size(0), weight.Size(1), weight.Size(2), weight.Size(3), weight.Size(4));
        var values = new float[outC * inC * kt * kh * kw];
        var copies = outC / channels;
        for (long c = 0; c < channels; c++)
        {
            for (long j = 0; j < copies; j++)
            {
                var o = c * copies + j;
                values[((((o * inC) + c) * kt + (kt - 1)) * kh + kh / 2) * kw + kw / 2] = 1f;
            }
        }

        using var repeat = Tensor.FromArray(values, outC, inC, kt, kh, kw);
        weight.CopyFrom(repeat);
        conv.Conv.Bias?.Value.Fill(0);
    }
}
