using VideoPipe.Abstractions;
using VideoPipe.Plugins.Sdk;
using VideoPipe.Plugins.ProMag.Layers;
using VideoPipe.Plugins.ProMag.Model;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.ProMag;

/// <summary>
/// ProMAG as a tokenizer: whole-clip encode of 1 + k·n frames to 1 + n latent frames (posterior mean by default)
/// and decode back. Long videos run as the paper runs them: 17-frame temporal tiles sharing 4 frames, blended
/// linearly, which the card asks of the host (chunk and stitch stages); large frames decode layer by layer over
/// spatial tiles (<see cref="ProMagSettings.SpatialTile"/>). Outputs are float32 whatever the compute dtype.
/// </summary>
public sealed partial class ProMagTokenizer : ITokenizer
{
    private readonly IDeviceContext deviceContext;

    public ProMagTokenizer(ProMagModel model, IDeviceContext deviceContext, DType dtype)
    {
        Model = model;
        this.deviceContext = deviceContext;
        DType = dtype;
        Card = ProMagCard.For(model.Config);
    }

    public TokenizerCard Card { get; }

    public Device Device => deviceContext.Device;

    public DType DType { get; }

    public ProMagModel Model { get; }

    public void CheckSettings(IReadOnlyDictionary<string, string> settings) => ProMagSettings.Read(settings);

    public Tensor Encode(Tensor video, EncodeOptions options)
    {
        CheckVideo(video);
        CheckSettings(options.Settings);
        using var enter = deviceContext.Enter();
        using var scope = DisposeScope.Enter();
        using var generator = GaussianPosterior.EncodeGenerator(options);
        var moments = Model.Moments(video.To(DType, Device));
        var (mean, logVar) = Model.SplitMoments(moments);
        return scope.Keep(GaussianPosterior.Select(moments, mean, logVar, options.Posterior, generator));
    }

    public Tensor Decode(Tensor latents, DecodeOptions options)
    {
        var c = Model.Config.LatentChannels;
        if (latents.Dim != 5 || latents.Size(1) != c || latents.Size(2) < 1)
        {
            throw new ArgumentException($"ProMAG decodes latents (B, {c}, 1+n, h, w), got [{string.Join(", ", latents.Shape)}]");
        }

        var ratio = Model.Config.SpatialRatio;
        var tiling = new SpatialTiling(ProMagSettings.Read(options.Settings).SpatialTile, latents.Size(3) * ratio, latents.Size(4) * ratio);
        using var enter = deviceContext.Enter();
        using var scope = DisposeScope.Enter();
        return scope.Keep(Model.Decode(latents.To(DType, Device), tiling).To(DType.Float32, copy: true));
    }

    private void CheckVideo(Tensor video)
    {
        if (video.Dim != 5 || video.Size(1) != 3)
        {
            throw new ArgumentException($"ProMAG encodes videos (B, 3, T, H, W), got [{string.Join(", ", video.Shape)}]");
        }

        Card.FrameRule.Require(video.Size(2), "ProMAG");
        var alignment = Card.SpatialAlignment;
        if (video.Size(3) % alignment != 0 || video.Size(4) % alignment != 0)
        {
            throw new ArgumentException($"ProMAG needs H and W that are multiples of {alignment}, got {video.Size(3)}x{video.Size(4)}");
        }
    }

    public void Dispose() => Model.Dispose();
}
