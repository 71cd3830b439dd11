using VideoPipe.Torch;

namespace VideoPipe.Plugins.Template.Model;

/// <summary>
/// Each frame's P×P patches → SiLU → 1x1 → (mean, log-variance) of C_z channels; decode: 1x1 → SiLU → transposed P×P
/// patches. Kernels are 3-D with a time extent of 1, so frames never mix. Keys: encoder_patch, encoder_head,
/// decoder_head, decoder_patch (each .weight/.bias).
/// </summary>
public sealed class PatchAutoencoder : Module
{
    private readonly Conv encoderPatch;
    private readonly Conv encoderHead;
    private readonly Conv decoderHead;
    private readonly ConvTranspose decoderPatch;

    public PatchAutoencoder(TemplateConfig config)
    {
        config.Validate();
        Config = config;
        long p = config.PatchSize, hidden = config.HiddenChannels, latent = config.LatentChannels;
        encoderPatch = Child("encoder_patch", new Conv(3, 3, hidden, [1, p, p], [1, p, p]));
        encoderHead = Child("encoder_head", new Conv(3, hidden, 2 * latent, [1, 1, 1]));
        decoderHead = Child("decoder_head", new Conv(3, latent, hidden, [1, 1, 1]));
        decoderPatch = Child("decoder_patch", new ConvTranspose(3, hidden, 3, [1, p, p], [1, p, p]));
    }

    public TemplateConfig Config { get; }

    /// <summary>Video [B,3,T,H,W] → moments [B,2·C_z,T,H/P,W/P].</summary>
    public Tensor Moments(Tensor video)
    {
        using var scope = DisposeScope.Enter();
        return scope.Keep(encoderHead.Forward(encoderPatch.Forward(video).Silu()));
    }

    /// <summary>Latents [B,C_z,T,h,w] → video [B,3,T,P·h,P·w].</summary>
    public Tensor Decode(Tensor latents)
    {
        using var scope = DisposeScope.Enter();
        return scope.Keep(decoderPatch.Forward(decoderHead.Forward(latents).Silu()));
    }

    /// <summary>(mean, log-variance clamped to [-30, 20]).</summary>
    public (Tensor Mean, Tensor LogVar) SplitMoments(Tensor moments)
    {
        using var scope = DisposeScope.Enter();
        var c = Config.LatentChannels;
        return (scope.Keep(moments.Narrow(1, 0, c)), scope.Keep(moments.Narrow(1, c, c).Clamp(-30, 20)));
    }
}
