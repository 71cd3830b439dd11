using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae.Model;

/// <summary>
/// Upstream CausalVAEModel without tiling: <c>encoder</c>, <c>decoder</c>, and (use_quant_layer) the 1x1x1 causal
/// <c>quant_conv</c> / <c>post_quant_conv</c>. Latents are unscaled here; scaling lives at the tokenizer boundary.
/// </summary>
public sealed class OdVaeModel : Module
{
    public OdVaeModel(OdVaeConfig config)
    {
        config.Validate();
        Config = config;
        Encoder = Child("encoder", new OdVaeEncoder(config));
        Decoder = Child("decoder", new OdVaeDecoder(config));
        if (config.UseQuantLayer)
        {
            QuantConv = Child("quant_conv", new CausalConv3d(2 * config.ZChannels, 2 * config.EmbedDim, [1, 1, 1], [1, 1, 1], 0));
            PostQuantConv = Child("post_quant_conv", new CausalConv3d(config.EmbedDim, config.ZChannels, [1, 1, 1], [1, 1, 1], 0));
        }
    }

    public OdVaeConfig Config { get; }

    public OdVaeEncoder Encoder { get; }

    public OdVaeDecoder Decoder { get; }

    public CausalConv3d? QuantConv { get; }

    public CausalConv3d? PostQuantConv { get; }

    /// <summary>Latent channels seen by the diffusion model.</summary>
    public int LatentChannels => Config.UseQuantLayer ? Config.EmbedDim : Config.ZChannels;

    /// <summary>Plain (untiled) encode to the raw posterior moments [B, 2*latent, t, h, w].</summary>
    public Tensor EncodeMoments(Tensor video)
    {
        using var scope = DisposeScope.Enter();
        var h = Encoder.Forward(video);
        return scope.Keep(QuantConv is null ? h : QuantConv.Forward(h));
    }

    /// <summary>Plain (untiled) decode of an unscaled latent.</summary>
    public Tensor Decode(Tensor latent)
    {
        using var scope = DisposeScope.Enter();
        var z = PostQuantConv is null ? latent : PostQuantConv.Forward(latent);
        return scope.Keep(Decoder.Forward(z));
    }
}
