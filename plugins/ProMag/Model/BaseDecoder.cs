using VideoPipe.Plugins.ProMag.Layers;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.ProMag.Model;

/// <summary>
/// The 4x base decoder body D̂_4x (everything after the post-latent 1x1x1 conv), the encoder's mirror: mid blocks at
/// C_top, levels of residual blocks from the top, each but the last followed by a depth-to-space upsample (2x space,
/// and 2x time where the mirrored encoder level halved time), norm → SiLU → causal conv to RGB.
/// Features [B, C_top, 1 + n, h, w] → video [B, 3, 1 + 4n, 8h, 8w], never decoding a padding frame.
/// </summary>
public sealed class BaseDecoder : Module
{
    private readonly ModuleList<ProMagResBlock> mid;
    private readonly ModuleList<ProMagResBlock> blocks;
    private readonly ModuleList<DepthToSpaceUpsample> upsamples;
    private readonly ProMagNorm outNorm;
    private readonly ReplicateCausalConv3d outConv;
    private readonly int blocksPerLevel;

    public BaseDecoder(ProMagConfig config)
    {
        blocksPerLevel = config.ResBlocksPerLevel;
        var channels = (long)config.TopChannels;
        mid = Child("mid", new ModuleList<ProMagResBlock>());
        for (var m = 0; m < config.MidBlocks; m++)
        {
            mid.Add(new ProMagResBlock(channels, channels, config));
        }

        blocks = Child("blocks", new ModuleList<ProMagResBlock>());
        upsamples = Child("upsamples", new ModuleList<DepthToSpaceUpsample>());
        for (var level = config.ChannelMultipliers.Count - 1; level >= 0; level--)
        {
            var width = (long)config.BaseChannels * config.ChannelMultipliers[level];
            for (var r = 0; r < config.ResBlocksPerLevel; r++)
            {
                blocks.Add(new ProMagResBlock(channels, width, config));
                channels = width;
            }

            if (level > 0)
            {
                upsamples.Add(new DepthToSpaceUpsample(channels, config.TemporalLevels.Contains(level - 1) ? 2 : 1, 2));
            }
        }

        outNorm = Child("out_norm", new ProMagNorm(channels, config));
        outConv = Child("out_conv", new ReplicateCausalConv3d(channels, 3));
    }

    /// <summary>Post-latent features [B,C_top,1+n,h,w] → video [B,3,1+4n,8h,8w], optionally layer by layer over spatial tiles.</summary>
    public Tensor Forward(Tensor features, SpatialTiling? tiling = null)
    {
        var t = tiling ?? SpatialTiling.None;
        using var scope = DisposeScope.Enter();
        var h = features;
        foreach (var block in mid.Items)
        {
            h = block.Forward(h, t);
        }

        for (var level = 0; level <= upsamples.Count; level++)
        {
            for (var r = 0; r < blocksPerLevel; r++)
            {
                h = blocks[level * blocksPerLevel + r].Forward(h, t);
            }

            if (level < upsamples.Count)
            {
                h = t.Upsample(upsamples[level], h);
            }
        }

        return scope.Keep(t.Conv(outConv, outNorm.Forward(h).Silu()));
    }
}
