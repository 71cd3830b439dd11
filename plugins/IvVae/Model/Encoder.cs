using VideoPipe.Plugins.IvVae.Layers;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Model;

/// <summary>
/// Upstream <c>Encoder3d</c> built from the config exactly as upstream's constructor does: per stage
/// num_res_blocks residual blocks (3D with group length 4, 2 in the second-to-last stage; 2D in the last
/// stage), attention where attn_scales says and after every block of the last stage, a resample between
/// stages (3D where temperal_downsample is true) and one attention after the second-to-last stage's resample.
/// </summary>
public sealed class Encoder : Module
{
    public Encoder(IvVaeConfig config)
    {
        var dims = new[] { config.Dim }.Concat(config.DimMult.Select(m => config.Dim * m)).ToArray();
        var stages = config.Stages;
        Conv1 = Child("conv1", new KtcConv(3, dims[0], dims[0], 3, groupLength: 4));
        Downsamples = Child("downsamples", new ModuleList<Block>());
        var scale = 1.0;
        var outDim = dims[0];
        for (var i = 0; i < stages; i++)
        {
            var inDim = dims[i];
            outDim = dims[i + 1];
            var lastStage = i == stages - 1;
            var groupLength = i == stages - 2 ? 2 : 4;
            for (var r = 0; r < config.NumResBlocks; r++)
            {
                Downsamples.Add(lastStage ? new ResBlock2D(inDim, outDim) : new ResBlock3D(inDim, outDim, groupLength));
                if (config.AttnScales.Contains(scale))
                {
                    Downsamples.Add(new BranchAttention(outDim));
                }

                if (lastStage)
                {
                    Downsamples.Add(new BranchAttention(outDim));
                }

                inDim = outDim;
            }

            if (!lastStage)
            {
                Downsamples.Add(new Resample(outDim, config.TemporalDownsample[i] ? ResampleMode.Downsample3d : ResampleMode.Downsample2d));
                scale /= 2.0;
            }

            if (i == stages - 2)
            {
                Downsamples.Add(new BranchAttention(outDim));
            }
        }

        Middle = Child("middle", new ModuleList<Block>());
        Middle.Add(new ResBlock2D(outDim, outDim));
        Middle.Add(new BranchAttention(outDim));
        Middle.Add(new ResBlock2D(outDim, outDim));

        var head = Child("head", new ModuleDict());
        HeadNorm = head.Add("0", new BranchRmsNorm(outDim));
        Head = head.Add("2", new Pac(2 * outDim, config.ZDim));
    }

    public KtcConv Conv1 { get; }

    public ModuleList<Block> Downsamples { get; }

    public ModuleList<Block> Middle { get; }

    public BranchRmsNorm HeadNorm { get; }

    public Pac Head { get; }

    /// <summary>One streamed call: frame 0 alone, or whole 4-frame groups. Returns the PAC output (2z channels).</summary>
    public Tensor Forward(Tensor x, StreamState state)
    {
        using var scope = DisposeScope.Enter();
        var h = Conv1.Forward(x, state);
        foreach (var block in Downsamples.Items.Concat(Middle.Items))
        {
            h = block.Forward(h, state);
        }

        return scope.Keep(Head.Forward(HeadNorm.Forward(h, silu: true)));
    }
}
