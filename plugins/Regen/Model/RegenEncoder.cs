using VideoPipe.Plugins.Regen.Layers;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Regen.Model;

/// <summary>
/// The MAGVIT-v2-style causal 3-D encoder: stem conv, levels of residual blocks with spatial (and, at the configured
/// levels, temporal) strided causal convs, temporal-only downsample blocks, mid blocks, and a head giving the
/// posterior moments. 1+k·m frames → 1+m latent frames at 1/2^(L-1) the size; 1+k → (z_c, z_m).
/// </summary>
public sealed class RegenEncoder : Module
{
    private readonly ReplicateCausalConv3d stem;
    private readonly ModuleList<CausalResBlock> blocks;
    private readonly ModuleList<ReplicateCausalConv3d> downsamples;
    private readonly List<(int Blocks, int Down)> plan = new();
    private readonly FrameGroupNorm headNorm;
    private readonly ReplicateCausalConv3d head;

    public RegenEncoder(RegenConfig config)
    {
        var groups = config.NormGroups;
        var channels = (long)config.EncoderChannels;
        stem = Child("stem", new ReplicateCausalConv3d(3, channels));
        blocks = Child("blocks", new ModuleList<CausalResBlock>());
        downsamples = Child("downsamples", new ModuleList<ReplicateCausalConv3d>());
        var levels = config.ChannelMultipliers.Count;
        for (var level = 0; level < levels; level++)
        {
            var width = (long)config.EncoderChannels * config.ChannelMultipliers[level];
            for (var r = 0; r < config.ResBlocksPerLevel; r++)
            {
                blocks.Add(new CausalResBlock(channels, width, groups));
                channels = width;
            }

            var down = 0;
            if (level < levels - 1)
            {
                downsamples.Add(new ReplicateCausalConv3d(channels, channels, timeStride: config.TemporalLevels.Contains(level) ? 2 : 1, spaceStride: 2));
                down = 1;
            }

            plan.Add((config.ResBlocksPerLevel, down));
        }

        for (var e = 0; e < config.ExtraTemporalDownsamples; e++)
        {
            blocks.Add(new CausalResBlock(channels, channels, groups));
            downsamples.Add(new ReplicateCausalConv3d(channels, channels, timeStride: 2));
            plan.Add((1, 1));
        }

        for (var m = 0; m < config.MidBlocks; m++)
        {
            blocks.Add(new CausalResBlock(channels, channels, groups));
        }

        plan.Add((config.MidBlocks, 0));
        headNorm = Child("head_norm", new FrameGroupNorm(groups, channels));
        head = Child("head", new ReplicateCausalConv3d(channels, config.GaussianPosterior ? 2L * config.LatentChannels : config.LatentChannels));
    }

    /// <summary>Video [B,3,T,H,W] → moments [B, 2·C_z (or C_z), t, H/s, W/s].</summary>
    public Tensor Forward(Tensor video)
    {
        using var scope = DisposeScope.Enter();
        var h = stem.Forward(video);
        var (block, down) = (0, 0);
        foreach (var (count, downs) in plan)
        {
            for (var i = 0; i < count; i++)
            {
                h = blocks[block++].Forward(h);
            }

            for (var i = 0; i < downs; i++)
            {
                h = downsamples[down++].Forward(h);
            }
        }

        return scope.Keep(head.Forward(headNorm.Forward(h).Silu()));
    }
}
