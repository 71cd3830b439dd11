using VideoPipe.Abstractions;
using VideoPipe.Plugins.Sdk;
using VideoPipe.Plugins.ProMag.Layers;
using VideoPipe.Plugins.ProMag.Model;
using VideoPipe.Plugins.ProMag.Streaming;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.ProMag;

/// <summary>
/// ProMAG as a tokenizer: whole-clip encode of 1 + k·n frames to 1 + n latent frames (posterior mean by default)
/// and decode back. Long videos run as the paper runs them: 17-frame chunks sharing 4 frames, blended linearly,
/// either through the host's chunk and stitch stages (the card asks for those tiles) or through this tokenizer's
/// sessions, which do the same with one chunk in memory (not exact streaming: each chunk is coded on its own).
/// Large frames decode layer by layer over spatial tiles (<see cref="ProMagSettings.SpatialTile"/>). Outputs are
/// float32 whatever the compute dtype.
/// </summary>
public sealed partial class ProMagTokenizer : IStreamingTokenizer
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
        Card.FrameRule.Require(video.Size(2), "ProMAG");
        CheckSettings(options.Settings);
        using var generator = GaussianPosterior.EncodeGenerator(options);
        return EncodeClip(video, options.Posterior, generator);
    }

    /// <summary>One clip of 1 + k·n frames to its latent; <paramref name="generator"/> draws a sampled posterior's noise.</summary>
    internal Tensor EncodeClip(Tensor video, PosteriorMode posterior, Generator? generator)
    {
        using var enter = deviceContext.Enter();
        using var scope = DisposeScope.Enter();
        var moments = Model.Moments(video.To(DType, Device));
        var (mean, logVar) = Model.SplitMoments(moments);
        return scope.Keep(GaussianPosterior.Select(moments, mean, logVar, posterior, generator));
    }

    public Tensor Decode(Tensor latents, DecodeOptions options)
    {
        var c = Model.Config.LatentChannels;
        if (latents.Dim != 5 || latents.Size(1) != c || latents.Size(2) < 1)
        {
            throw new ArgumentException($"ProMAG decodes latents (B, {c}, 1+n, h, w), got [{string.Join(", ", latents.Shape)}]");
        }

        return DecodeClip(latents, ProMagSettings.Read(options.Settings));
    }

    /// <summary>One clip's latents [B, C_z, 1+n, h, w] to its 1 + k·n frames, float32.</summary>
    internal Tensor DecodeClip(Tensor latents, ProMagSettings settings)
    {
        var ratio = Model.Config.SpatialRatio;
        var tiling = new SpatialTiling(settings.SpatialTile, latents.Size(3) * ratio, latents.Size(4) * ratio);
        using var enter = deviceContext.Enter();
        using var scope = DisposeScope.Enter();
        return scope.Keep(Model.Decode(latents.To(DType, Device), tiling).To(DType.Float32, copy: true));
    }

    /// <summary>
    /// The paper's chunked encode with one chunk in memory: frames in any pieces, the latents of each 17-frame chunk
    /// (chunks start every 13 frames) as soon as it is complete; the last chunk, padded with its last frame to the
    /// frame rule, at Complete. The same chunks as the host's overlap tiling.
    /// </summary>
    public IEncodeSession BeginEncode(EncodeOptions options)
    {
        CheckSettings(options.Settings);
        return new ProMagEncodeSession(this, options);
    }

    /// <summary>
    /// The paper's chunked decode: the latents of one encode session in any pieces, each chunk decoded on its own and
    /// its first 4 frames blended linearly with the previous chunk's last 4. The output ends with the last chunk's
    /// padding frames, as a whole-clip decode of a padded clip does: crop it to the source's frame count.
    /// </summary>
    public IDecodeSession BeginDecode(DecodeOptions options) => new ProMagDecodeSession(this, ProMagSettings.Read(options.Settings));

    internal void CheckVideo(Tensor video)
    {
        if (video.Dim != 5 || video.Size(1) != 3)
        {
            throw new ArgumentException($"ProMAG encodes videos (B, 3, T, H, W), got [{string.Join(", ", video.Shape)}]");
        }

        var alignment = Card.SpatialAlignment;
        if (video.Size(3) % alignment != 0 || video.Size(4) % alignment != 0)
        {
            throw new ArgumentException($"ProMAG needs H and W that are multiples of {alignment}, got {video.Size(3)}x{video.Size(4)}");
        }
    }

    public void Dispose() => Model.Dispose();
}
