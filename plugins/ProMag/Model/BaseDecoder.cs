using VideoPipe.Plugins.ProMag.Layers;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.ProMag.Model;

/// <summary>
/// The 4x base decoder body D̂_4x (everything after the post-latent 1x1x1 conv), the encoder's mirror: mid blocks at
/// C_top, levels of residual blocks from the top, each but the last followed by a depth-to-space upsample (2x space,
/// and 2x time where the mirrored encoder level halved time), norm → SiLU → causal conv to RGB.
/// Features [B, C_top, 1 + n, h, w] → video [B, 3, 1 + 4n, 8h, 8w], never decoding a padding frame. With
/// decoder_adaptive_norm every norm here is also modulated by the latent being decoded (<see cref="LatentModulation"/>).
/// </summary>
public sealed class BaseDecoder : Module
{
    private readonly ModuleList<ProMagResBlock> mid;
    private readonly ModuleList<ProMagResBlock> blocks;
    private readonly ModuleList<DepthToSpaceUpsample> upsamples;
    private readonly ProMagNorm outNorm;
    private readonly ReplicateCausalConv3d outConv;
    private readonly int blocksPerLevel;
    private readonly bool adaptive;
    private readonly double eps;

    public BaseDecoder(ProMagConfig config)
    {
        blocksPerLevel = config.ResBlocksPerLevel;
        (adaptive, eps) = (config.DecoderAdaptiveNorm, config.NormEps);
        var channels = (long)config.TopChannels;
        mid = Child("mid", new ModuleList<ProMagResBlock>());
        for (var m = 0; m < config.MidBlocks; m++)
        {
            mid.Add(new ProMagResBlock(channels, channels, config, adaptive));
        }

        blocks = Child("blocks", new ModuleList<ProMagResBlock>());
        upsamples = Child("upsamples", new ModuleList<DepthToSpaceUpsample>());
        for (var level = config.ChannelMultipliers.Count - 1; level >= 0; level--)
        {
            var width = (long)config.BaseChannels * config.ChannelMultipliers[level];
            for (var r = 0; r < config.ResBlocksPerLevel; r++)
            {
                blocks.Add(new ProMagResBlock(channels, width, config, adaptive));
                channels = width;
            }

            if (level > 0)
            {
                upsamples.Add(new DepthToSpaceUpsample(channels, config.TemporalLevels.Contains(level - 1) ? 2 : 1, 2));
            }
        }

        outNorm = Child("out_norm", new ProMagNorm(channels, config, latentModulated: adaptive));
        outConv = Child("out_conv", new ReplicateCausalConv3d(channels, 3));
    }

    /// <summary>The adaptive norms' modulations (none without decoder_adaptive_norm).</summary>
    public IEnumerable<LatentModulation> Modulations =>
        mid.Items.Concat(blocks.Items).SelectMany(b => b.Norms).Append(outNorm).Select(n => n.Modulation).OfType<LatentModulation>();

    /// <summary>
    /// Post-latent features [B,C_top,1+r·n,h,w] → video [B,3,1+4r·n,8h,8w], optionally layer by layer over spatial
    /// tiles; <paramref name="latents"/> [B,C_z,1+n,h,w] are what the model decodes (the adaptive norms' condition).
    /// </summary>
    public Tensor Forward(Tensor features, Tensor latents, SpatialTiling? tiling = null)
    {
        var t = tiling ?? SpatialTiling.None;
        using var scope = DisposeScope.Enter();
        var condition = adaptive ? LatentCondition.Of(latents, eps) : null;
        var h = features;
        foreach (var block in mid.Items)
        {
            h = block.Forward(h, t, condition);
        }

        for (var level = 0; level <= upsamples.Count; level++)
        {
            for (var r = 0; r < blocksPerLevel; r++)
            {
                h = blocks[level * blocksPerLevel + r].Forward(h, t, condition);
            }

            if (level < upsamples.Count)
            {
                h = t.Upsample(upsamples[level], h);
            }
        }

        return scope.Keep(t.Conv(outConv, outNorm.Forward(h, condition).Silu()));
    }
}
