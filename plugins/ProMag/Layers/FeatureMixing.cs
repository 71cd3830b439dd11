using VideoPipe.Torch;

namespace VideoPipe.Plugins.ProMag.Layers;

/// <summary>
/// Cross-level feature mixing's AdaNorm: the full-rate features, normalised without affine, are modulated by an
/// "Affine" of the aligned subsampled-branch features: u = norm(h_full) · (1 + s) + b. The affine starts at zero,
/// so a fresh stage passes norm(h_full) on (<see cref="MixModulation"/> chooses per position, per channel or scale only).
/// </summary>
public sealed class FeatureMixing : Module
{
    private readonly MixModulation modulation;
    private readonly long channels;
    private readonly ProMagNorm norm;
    private readonly ReplicateCausalConv3d? positionAffine;
    private readonly Linear? channelAffine;

    public FeatureMixing(long channels, ProMagConfig config)
    {
        (modulation, this.channels) = (config.MixModulation, channels);
        norm = Child("norm", new ProMagNorm(channels, config, affine: false));
        if (modulation == MixModulation.PerChannel)
        {
            channelAffine = Child("affine", new Linear(channels, 2 * channels));
        }
        else
        {
            positionAffine = Child("affine", new ReplicateCausalConv3d(channels, modulation == MixModulation.ScaleOnly ? channels : 2 * channels, kernel: 1));
        }
    }

    /// <param name="full">Full-rate features [B,C,T,h,w].</param>
    /// <param name="aligned">Subsampled-branch features aligned to the full rate [B,C,T,h,w].</param>
    public Tensor Forward(Tensor full, Tensor aligned)
    {
        using var scope = DisposeScope.Enter();
        var normed = norm.Forward(full);
        if (modulation == MixModulation.ScaleOnly)
        {
            return scope.Keep(normed * (positionAffine!.Forward(aligned) + 1.0));
        }

        var parameters = modulation == MixModulation.PerChannel
            ? channelAffine!.Forward(aligned.Mean([2, 3, 4], keepDim: false)).View(aligned.Size(0), 2 * channels, 1, 1, 1)
            : positionAffine!.Forward(aligned);
        var scale = parameters.Narrow(1, 0, channels);
        var shift = parameters.Narrow(1, channels, channels);
        return scope.Keep(normed * (scale + 1.0) + shift);
    }

    /// <summary>Zeroes the affine (weights and bias): the stage starts with u = norm(h_full).</summary>
    public void InitializeNeutral()
    {
        var (w, b) = positionAffine is { } conv ? (conv.Conv.Weight.Value, conv.Conv.Bias?.Value) : (channelAffine!.Weight.Value, channelAffine.Bias?.Value);
        w.Fill(0);
        b?.Fill(0);
    }
}
