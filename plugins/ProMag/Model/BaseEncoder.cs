using VideoPipe.Plugins.ProMag.Layers;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.ProMag.Model;

/// <summary>
/// The 4x base encoder trunk Ê_4x (MAGVIT-v2 layout): stem conv, levels of residual blocks each followed (but the
/// last) by a strided causal conv halving space and, at the temporal levels, time; mid blocks; norm → SiLU. Its
/// output h is what the latent conv and the growth stages read: 1 + 4n frames → [B, C_top, 1 + n, H/8, W/8].
/// </summary>
public sealed class BaseEncoder : Module
{
    private readonly ReplicateCausalConv3d stem;
    private readonly ModuleList<ProMagResBlock> blocks;
    private readonly ModuleList<ReplicateCausalConv3d> downsamples;
    private readonly ModuleList<ProMagResBlock> mid;
    private readonly ProMagNorm outNorm;
    private readonly int blocksPerLevel;

    public BaseEncoder(ProMagConfig config)
    {
        blocksPerLevel = config.ResBlocksPerLevel;
        var channels = (long)config.BaseChannels;
        stem = Child("stem", new ReplicateCausalConv3d(3, channels));
        blocks = Child("blocks", new ModuleList<ProMagResBlock>());
        downsamples = Child("downsamples", new ModuleList<ReplicateCausalConv3d>());
        var levels = config.ChannelMultipliers.Count;
        for (var level = 0; level < levels; level++)
        {
            var width = (long)config.BaseChannels * config.ChannelMultipliers[level];
            for (var r = 0; r < config.ResBlocksPerLevel; r++)
            {
                blocks.Add(new ProMagResBlock(channels, width, config));
                channels = width;
            }

            if (level < levels - 1)
            {
                downsamples.Add(new ReplicateCausalConv3d(channels, channels, timeStride: config.TemporalLevels.Contains(level) ? 2 : 1, spaceStride: 2));
            }
        }

        mid = Child("mid", new ModuleList<ProMagResBlock>());
        for (var m = 0; m < config.MidBlocks; m++)
        {
            mid.Add(new ProMagResBlock(channels, channels, config));
        }

        outNorm = Child("out_norm", new ProMagNorm(channels, config));
    }

    /// <summary>Video [B,3,1+4n,H,W] → trunk features [B,C_top,1+n,H/8,W/8].</summary>
    public Tensor Forward(Tensor video)
    {
        using var scope = DisposeScope.Enter();
        var h = stem.Forward(video);
        for (var level = 0; level <= downsamples.Count; level++)
        {
            for (var r = 0; r < blocksPerLevel; r++)
            {
                h = blocks[level * blocksPerLevel + r].Forward(h);
            }

            if (level < downsamples.Count)
            {
                h = downsamples[level].Forward(h);
            }
        }

        foreach (var block in mid.Items)
        {
            h = block.Forward(h);
        }

        return scope.Keep(outNorm.Forward(h).Silu());
    }
}
