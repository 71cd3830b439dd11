using VideoPipe.Abstractions;
using VideoPipe.Plugins.Sdk;
using VideoPipe.Plugins.OdVae.Model;
using VideoPipe.Plugins.OdVae.Tiling;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae;

/// <summary>
/// OD-VAE as a VideoPipe tokenizer. Encode returns the posterior mean by default (sampling needs a seed); latents
/// are scaled by 0.18215 at this boundary only when the options say so. Tiling follows upstream v1.2.0 and is off
/// unless <see cref="Tiling"/> or the per-call settings turn it on. Outputs are float32 whatever the model dtype.
/// </summary>
public sealed partial class OdVaeTokenizer : ITrainableTokenizer, IInflatableTokenizer
{
    private readonly IDeviceContext context;

    public OdVaeTokenizer(OdVaeModel model, TokenizerCard card, IDeviceContext context, DType dtype)
    {
        Model = model;
        Card = card;
        this.context = context;
        DType = dtype;
    }

    public OdVaeModel Model { get; }

    public TokenizerCard Card { get; }

    public Device Device => context.Device;

    public DType DType { get; }

    /// <summary>Tiling used when a call does not say otherwise; null = plain (upstream's use_tiling = False).</summary>
    public OdVaeTiling? Tiling { get; set; }

    public void CheckSettings(IReadOnlyDictionary<string, string> settings) => OdVaeSettings.Read(settings);

    public Tensor Encode(Tensor video, EncodeOptions options)
    {
        Card.FrameRule.Require(video.Size(2), Card.Family);
        using var scope = DisposeScope.Enter();
        var moments = EncodeMoments(video, OdVaeSettings.Read(options.Settings).Resolve(Tiling));
        var result = options.Posterior switch
        {
            PosteriorMode.Mean => Scale(Posterior.Mean(moments), options.Scaled),
            PosteriorMode.Sample => Scale(Posterior.Sample(moments, options.Seed ?? throw new ArgumentException("OD-VAE: sampling the posterior needs EncodeOptions.Seed")), options.Scaled),
            PosteriorMode.LogVar => Posterior.LogVar(moments),
            PosteriorMode.Moments => moments,
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Posterior, "unknown posterior mode"),
        };
        return scope.Keep(result);
    }

    public Tensor Decode(Tensor latents, DecodeOptions options)
    {
        using var scope = DisposeScope.Enter();
        var z = options.Scaled ? LatentScale.Remove(latents.To(DType.Float32), Card.Scaling) : latents;
        return scope.Keep(DecodeUnscaled(z, OdVaeSettings.Read(options.Settings).Resolve(Tiling)));
    }

    /// <summary>Raw posterior moments (mean and unclamped logvar on channels), tiled when <paramref name="tiling"/> is set and needed.</summary>
    public Tensor EncodeMoments(Tensor video, OdVaeTiling? tiling)
    {
        CheckVideo(video);
        using var entered = context.Enter();
        return tiling is not null && TiledCodec.EncodeNeedsTiling(tiling, video.Shape)
            ? TiledCodec.EncodeMoments(video, tiling, EncodeTile)
            : EncodeTile(video);
    }

    /// <summary>Video from an unscaled latent, tiled when <paramref name="tiling"/> is set and needed.</summary>
    public Tensor DecodeUnscaled(Tensor latent, OdVaeTiling? tiling)
    {
        if (latent.Dim != 5 || latent.Size(1) != Model.LatentChannels)
        {
            throw new ArgumentException($"OD-VAE decodes latents [B, {Model.LatentChannels}, t, h, w], got [{string.Join(", ", latent.Shape)}]");
        }

        using var entered = context.Enter();
        return tiling is not null && TiledCodec.DecodeNeedsTiling(tiling, latent.Shape)
            ? TiledCodec.Decode(latent, tiling, DecodeTile)
            : DecodeTile(latent);
    }

    public void Dispose() => Model.Dispose();

    private Tensor EncodeTile(Tensor video)
    {
        using var scope = DisposeScope.Enter();
        var moments = Model.EncodeMoments(video.To(DType, Device));
        return scope.Keep(moments.To(DType.Float32));
    }

    private Tensor DecodeTile(Tensor latent)
    {
        using var scope = DisposeScope.Enter();
        var video = Model.Decode(latent.To(DType, Device));
        return scope.Keep(video.To(DType.Float32));
    }

    private Tensor Scale(Tensor latent, bool scaled) => scaled ? LatentScale.Apply(latent, Card.Scaling) : latent;

    private static void CheckVideo(Tensor video)
    {
        if (video.Dim != 5 || video.Size(1) != 3)
        {
            throw new ArgumentException($"OD-VAE encodes videos [B, 3, T, H, W], got [{string.Join(", ", video.Shape)}]");
        }
    }
}
