using VideoPipe.Torch;

namespace VideoPipe.Plugins.ProMag.Layers;

/// <summary>
/// The adaptive part of a decoder norm (decoder_adaptive_norm, ours): a 1x1x1 conv (keys weight [2·C, 2·C_z, 1, 1, 1]
/// and bias) from the <see cref="LatentCondition"/> to a scale s and shift b per sample, channel and latent frame,
/// mapped causally to the layer's frames: y = normed · (1 + s) + b. Built zero, so it starts as the identity.
/// </summary>
public sealed class LatentModulation : Module
{
    private static readonly long[] Ones = [1, 1, 1];
    private static readonly long[] Zeros = [0, 0, 0];
    private readonly long channels;

    public LatentModulation(long channels, long latentChannels)
    {
        this.channels = channels;
        Weight = Param("weight", 2 * channels, 2 * latentChannels, 1, 1, 1);
        Bias = Param("bias", 2 * channels);
        Weight.Value.Fill(0);
        Bias.Value.Fill(0);
    }

    public Parameter Weight { get; }

    public Parameter Bias { get; }

    /// <summary>Modulates norm output [B,C,T,H,W] by the condition at its T frames.</summary>
    public Tensor Forward(Tensor normed, LatentCondition condition)
    {
        using var scope = DisposeScope.Enter();
        var perLatentFrame = Functional.Conv(condition.Statistics.To(Weight.Value.DType), Weight.Value, Bias.Value, Ones, Zeros, Ones);
        var parameters = condition.AtFrames(perLatentFrame, normed.Size(2)).To(normed.DType);
        return scope.Keep(normed * (parameters.Narrow(1, 0, channels) + 1.0) + parameters.Narrow(1, channels, channels));
    }
}
