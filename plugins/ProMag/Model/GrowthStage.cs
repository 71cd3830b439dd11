using System.Numerics;
using VideoPipe.Plugins.ProMag.Layers;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.ProMag.Model;

/// <summary>
/// One growth stage (Stage II: 4x → 8x, or Stage III): on top of a frozen trunk T (features at 1 + f·n frames for
/// the full-rate video, 1 + n for the f-times subsampled one) it adds the cross-level mixing (AdaNorm from the
/// aligned subsampled features), f-fold temporal downsampling (residual blocks + strided causal convs), the skip
/// add of the subsampled features, new 1x1x1 convs around the latent, and f-fold temporal upsampling
/// (depth-to-space + residual blocks) in front of the frozen decoder path.
/// </summary>
public sealed class GrowthStage : Module
{
    private readonly FeatureMixing mix;
    private readonly ModuleList<ProMagResBlock> downBlocks;
    private readonly ModuleList<ReplicateCausalConv3d> downsamples;
    private readonly ReplicateCausalConv3d quantConv;
    private readonly ReplicateCausalConv3d postQuantConv;
    private readonly ModuleList<DepthToSpaceUpsample> upsamples;
    private readonly ModuleList<ProMagResBlock> upBlocks;
    private readonly int blocksPerStep;

    public GrowthStage(int factor, ProMagConfig config)
    {
        Factor = factor;
        blocksPerStep = config.GrowthResBlocks;
        var channels = (long)config.TopChannels;
        var steps = BitOperations.Log2((uint)factor);
        mix = Child("mix", new FeatureMixing(channels, config));
        downBlocks = Child("down_blocks", new ModuleList<ProMagResBlock>());
        downsamples = Child("downsamples", new ModuleList<ReplicateCausalConv3d>());
        for (var s = 0; s < steps; s++)
        {
            for (var r = 0; r < blocksPerStep; r++)
            {
                downBlocks.Add(new ProMagResBlock(channels, channels, config));
            }

            downsamples.Add(new ReplicateCausalConv3d(channels, channels, timeStride: 2));
        }

        quantConv = Child("quant_conv", new ReplicateCausalConv3d(channels, 2L * config.LatentChannels, kernel: 1));
        postQuantConv = Child("post_quant_conv", new ReplicateCausalConv3d(config.LatentChannels, channels, kernel: 1));
        upsamples = Child("upsamples", new ModuleList<DepthToSpaceUpsample>());
        upBlocks = Child("up_blocks", new ModuleList<ProMagResBlock>());
        for (var s = 0; s < steps; s++)
        {
            upsamples.Add(new DepthToSpaceUpsample(channels, 2, 1));
            for (var r = 0; r < blocksPerStep; r++)
            {
                upBlocks.Add(new ProMagResBlock(channels, channels, config));
            }
        }
    }

    /// <summary>The temporal subsampling factor f of this stage.</summary>
    public int Factor { get; }

    public ReplicateCausalConv3d QuantConv => quantConv;

    public ReplicateCausalConv3d PostQuantConv => postQuantConv;

    /// <summary>g = G(AdaNorm(full, align(sub))) + sub: [B,C,1+f·n,h,w] and [B,C,1+n,h,w] → [B,C,1+n,h,w].</summary>
    public Tensor Encode(Tensor full, Tensor sub)
    {
        using var scope = DisposeScope.Enter();
        var h = mix.Forward(full, Align(sub, full.Size(2)));
        for (var s = 0; s < downsamples.Count; s++)
        {
            for (var r = 0; r < blocksPerStep; r++)
            {
                h = downBlocks[s * blocksPerStep + r].Forward(h);
            }

            h = downsamples[s].Forward(h);
        }

        return scope.Keep(h + sub);
    }

    /// <summary>The f-fold temporal upsampling of post-latent features: [B,C,1+n,h,w] → [B,C,1+f·n,h,w].</summary>
    public Tensor Upsample(Tensor features, SpatialTiling? tiling = null)
    {
        var t = tiling ?? SpatialTiling.None;
        using var scope = DisposeScope.Enter();
        var h = features;
        for (var s = 0; s < upsamples.Count; s++)
        {
            h = t.Upsample(upsamples[s], h);
            for (var r = 0; r < blocksPerStep; r++)
            {
                h = upBlocks[s * blocksPerStep + r].Forward(h, t);
            }
        }

        return scope.Keep(h);
    }

    /// <summary>
    /// The spec's growth initialization: zero affine, zero last conv in every residual block and a zero final
    /// strided conv (so G(u) = 0 and g = sub), latent convs copied from the model below, upsamples that repeat frames. The stage
    /// then encodes x as the smaller model encodes its subsampled video.
    /// </summary>
    public void InitializeGrowth(ReplicateCausalConv3d smallerQuantConv, ReplicateCausalConv3d smallerPostQuantConv)
    {
        mix.InitializeNeutral();
        foreach (var conv in downBlocks.Items.Select(b => b.LastConv).Append(downsamples[downsamples.Count - 1]).Concat(upBlocks.Items.Select(b => b.LastConv)))
        {
            conv.Conv.Weight.Value.Fill(0);
            conv.Conv.Bias?.Value.Fill(0);
        }

        foreach (var upsample in upsamples.Items)
        {
            upsample.InitializeAsRepeat();
        }

        Copy(smallerQuantConv, quantConv);
        Copy(smallerPostQuantConv, postQuantConv);
    }

    private static void Copy(ReplicateCausalConv3d from, ReplicateCausalConv3d to)
    {
        to.Conv.Weight.Value.CopyFrom(from.Conv.Weight.Value);
        if (to.Conv.Bias is { } bias && from.Conv.Bias is { } source)
        {
            bias.Value.CopyFrom(source.Value);
        }
    }

    /// <summary>a[j] = sub[ceil(j / f)]: full-rate position j belongs to latent frame ceil(j / f), which sees no later frame.</summary>
    private Tensor Align(Tensor sub, long frames)
    {
        using var scope = DisposeScope.Enter();
        var index = Enumerable.Range(0, (int)frames).Select(j => (long)((j + Factor - 1) / Factor)).ToArray();
        using var indices = Tensor.FromArray(index, frames);
        return scope.Keep(sub.IndexSelect(2, indices.To(sub.Device)));
    }
}
